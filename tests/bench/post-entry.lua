-- POST /api/portal/homework/{id}/entries with a fresh Idempotency-Key on every request.
-- The file named after `--` holds "ASSIGNMENT_ID TOKEN" lines (one per signed-in client), then
-- the occurredOn date on a line of its own starting with "date ".
local clients = {}
local body
local n = 0

local counter = 0

function setup(thread)
  n = n + 1
  thread:set("tag", string.format("%d-%d", n, os.time()))
end

function init(args)
  local date
  for line in io.lines(args[1]) do
    local d = line:match("^date%s+(%S+)$")
    if d then date = d else
      local id, token = line:match("^(%S+)%s+(%S+)$")
      if id then clients[#clients + 1] = { path = "/api/portal/homework/" .. id .. "/entries", token = token } end
    end
  end
  body = '{"occurredOn":"' .. date .. '","role":"needing","visibility":"shared","fields":{"need":"reassurance",' ..
    '"askedDirectly":true,"fearBefore":6,"understood":4,"validated":4,"caredFor":4,"feltSecurityAfter":4}}'
end

function request()
  counter = counter + 1
  local c = clients[counter % #clients + 1]
  return wrk.format("POST", c.path, {
    ["Authorization"] = "Bearer " .. c.token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. tag .. "-" .. counter,
  }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH rps=%.1f p50=%.2f p95=%.2f p99=%.2f non2xx=%d sockerr=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end
