-- Shared by the wrk scripts (loaded with dofile): the one-line JSON summary that
-- benches/bench.py reads. A script that checks answers keeps its threads in
-- BENCH_THREADS and counts, in each, the answers it did not expect.
function done(summary, latency, requests)
  local unexpected = -1
  if BENCH_THREADS then
    unexpected = 0
    for _, t in ipairs(BENCH_THREADS) do unexpected = unexpected + t:get("unexpected") end
  end
  io.write(string.format("JSON{\"unexpected\":%d,\"requests\":%d,\"duration_us\":%d,\"errors_socket\":%d,\"non2xx\":%d,\"p50_us\":%d,\"p99_us\":%d}\n",
    unexpected, summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(99)))
end
