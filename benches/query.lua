-- wrk script: GET <path>?<BENCH_QUERY>, where each "%d" in the query becomes a
-- random number below BENCH_USERS (so prefixes and users vary). Reads BENCH_PATH,
-- BENCH_QUERY, BENCH_USERS and BENCH_TOKEN from the environment so that the token
-- never appears in argv. Counts answers other than 200 as bad.
local path = os.getenv("BENCH_PATH")
local query = os.getenv("BENCH_QUERY")
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
  local q = string.gsub(query, "%%d", function() return tostring(math.floor(math.random(0, users - 1) / 1000)) end)
  return wrk.format("GET", path .. "?" .. q)
end

function response(status, headers, body)
  if status ~= 200 then
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
