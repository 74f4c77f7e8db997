-- wrk script: PATCH /Users/{id} (replace displayName) on random ids read from BENCH_IDS.
local path = os.getenv("BENCH_PATH")
local token = os.getenv("BENCH_TOKEN")
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end
function init(args)
  math.randomseed(seed)
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/scim+json"
end
function request()
  local id = ids[math.random(1, #ids)]
  local body = string.format('{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Renamed %d"}]}', math.random(1, 1000000))
  return wrk.format("PATCH", path .. "/" .. id, nil, body)
end
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
