-- wrk script: POST /Users with a unique userName per request. BENCH_PATH, BENCH_TOKEN from env.
local path = os.getenv("BENCH_PATH")
local token = os.getenv("BENCH_TOKEN")
local counter = 0
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
local bad = 0
function setup(thread)
  thread:set("tid", math.random(1, 100000000))
end
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/scim+json"
end
function request()
  counter = counter + 1
  local body = string.format('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bench-%d-%d@example.test","name":{"givenName":"B","familyName":"%d"},"emails":[{"value":"bench-%d-%d@example.test","type":"work"}],"active":true}', tid, counter, counter, tid, counter)
  return wrk.format("POST", path, nil, body)
end
function response(status, headers, body)
  if status ~= 201 then bad = bad + 1 end
end
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
