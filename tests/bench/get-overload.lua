-- get.lua for the overload run (256 connections): the same GET requests, and every answer counted, so the
-- report can tell 503s that carry Retry-After (admission control refusing at once: expected) from anything
-- else (an error). Kept apart from get.lua because a response() callback costs wrk time on every answer.
local reqs = {}
local i = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local path, token = line:match("^(%S+)%s+(%S+)$")
    if path then reqs[#reqs + 1] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token }) end
  end
  i = math.random(#reqs)
  refused, refused_without_retry, other = 0, 0, 0
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function response(status, headers, body)
  if status == 503 then
    refused = refused + 1
    if headers["Retry-After"] == nil and headers["retry-after"] == nil then refused_without_retry = refused_without_retry + 1 end
  elseif status >= 300 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local r, rn, o = 0, 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("refused")
    rn = rn + t:get("refused_without_retry")
    o = o + t:get("other")
  end
  local e = summary.errors
  -- non2xx counts only what is not a 503 with Retry-After: those are the run's errors.
  io.write(string.format("BENCH rps=%.1f p50=%.2f p95=%.2f p99=%.2f non2xx=%d sockerr=%d requests=%d refused=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, o + rn, e.connect + e.read + e.write + e.timeout, summary.requests, r - rn))
end
