-- GET requests cycling through "PATH TOKEN" lines of the file named after `--`, so the load is
-- spread over several therapists like real traffic. Prints one BENCH line from done().
local reqs = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    local path, token = line:match("^(%S+)%s+(%S+)$")
    if path then reqs[#reqs + 1] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token }) end
  end
  i = math.random(#reqs)
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH rps=%.1f p50=%.2f p95=%.2f p99=%.2f non2xx=%d sockerr=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end
