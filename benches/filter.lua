-- wrk script: GET /Users?filter=userName eq "userNNNNNN@example.test" for random
-- users among the seeded ones. Reads BENCH_PATH, BENCH_USERS and BENCH_TOKEN from
-- the environment so that the token never appears in argv.
local path = os.getenv("BENCH_PATH")
local users = tonumber(os.getenv("BENCH_USERS"))
local token = os.getenv("BENCH_TOKEN")
local counter = 0

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  wrk.headers["Accept"] = "application/scim+json"
end

function request()
  local i = math.random(1, users)
  local q = string.format('userName%%20eq%%20%%22user%06d%%40example.test%%22', i)
  return wrk.format("GET", path .. "?filter=" .. q)
end

-- Counts responses that are not 200, or that did not find exactly one user.
function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"totalResults":1', 1, true) then
    counter = counter + 1
    if counter <= 3 then io.stderr:write("unexpected response: " .. status .. " " .. string.sub(body, 1, 200) .. "\n") end
  end
end

function done(summary, latency, requests)
  io.write(string.format("JSON{\"requests\":%d,\"duration_us\":%d,\"errors_socket\":%d,\"non2xx\":%d,\"p50_us\":%d,\"p99_us\":%d}\n",
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(99)))
end
