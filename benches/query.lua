-- wrk script: GET <path>?<BENCH_QUERY>, where "%u" becomes a random seeded user's
-- number (6 digits) and "%d" a random number below BENCH_USERS / 1000 (so
-- prefixes vary). Reads BENCH_PATH, BENCH_QUERY, BENCH_USERS, BENCH_EXPECT and
-- BENCH_TOKEN from the environment so that the token never appears in argv.
-- Counts answers other than BENCH_STATUS (200 unless set), or whose body does
-- not match the Lua pattern BENCH_EXPECT, as unexpected (report.lua sums them
-- over threads). A pattern, because servers space their JSON differently.
local path = os.getenv("BENCH_PATH")
local query = os.getenv("BENCH_QUERY")
local users = tonumber(os.getenv("BENCH_USERS"))
local token = os.getenv("BENCH_TOKEN")
local expect = os.getenv("BENCH_EXPECT") or ""
local status_expected = tonumber(os.getenv("BENCH_STATUS") or "200")
unexpected = 0
BENCH_THREADS = {}

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
  table.insert(BENCH_THREADS, thread)
end

function init(args)
  math.randomseed(seed)
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  wrk.headers["Accept"] = "application/scim+json"
end

function request()
  local q = string.gsub(query, "%%u", function() return string.format("%06d", math.random(1, users)) end)
  q = string.gsub(q, "%%d", function() return tostring(math.floor(math.random(0, users - 1) / 1000)) end)
  return wrk.format("GET", path .. "?" .. q)
end

function response(status, headers, body)
  if status ~= status_expected or (expect ~= "" and not string.find(body, expect)) then
    unexpected = unexpected + 1
    if unexpected <= 3 then io.stderr:write("unexpected response: " .. status .. " " .. string.sub(body, 1, 200) .. "\n") end
  end
end

dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
