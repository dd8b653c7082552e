-- wrk: POST /v1/recovery/flows/<flow>/password, the last step of a reset: each flow's reset
-- token used once, with a new password of its own. Prints one RESULT line in the peers'
-- format.
-- env: RESETS=<file, "flow_id reset_token" per line>  NTHREADS=<wrk -t>
local threads = {}
function setup(thread) table.insert(threads, thread); thread:set("tid", #threads) end
local nthreads = tonumber(os.getenv("NTHREADS") or "2")
local resets = {}
local idx = 0
codes = {}
exhausted = 0
function init(args)
  local i = 0
  for line in io.lines(os.getenv("RESETS")) do
    if #line > 0 then
      if (i % nthreads) + 1 == tid then table.insert(resets, line) end
      i = i + 1
    end
  end
end
function request()
  idx = idx + 1
  local line = resets[idx]
  if line == nil then exhausted = exhausted + 1; line = "rf_exhausted exhausted" end
  local flow, token = line:match("(%S+) (%S+)")
  return wrk.format("POST", "/v1/recovery/flows/" .. flow .. "/password",
    {["Content-Type"] = "application/json"},
    '{"reset_token":"' .. token .. '","new_password":"amber falcon ledger ' .. tid .. "-" .. idx .. '"}')
end
function response(status, hdrs, body) codes[status] = (codes[status] or 0) + 1 end
function done(summary, latency, requests)
  local agg, ex = {}, 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("codes")) do agg[k] = (agg[k] or 0) + v end
    ex = ex + t:get("exhausted")
  end
  local cs = {}
  for k, v in pairs(agg) do table.insert(cs, string.format('"%s":%d', k, v)) end
  local secs = summary.duration / 1e6
  io.write(string.format('RESULT {"mode":"complete","requests":%d,"secs":%.2f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"mean_ms":%.2f,"max_ms":%.2f,"socket_errors":%d,"resets_exhausted":%d,"codes":{%s}}\n',
    summary.requests, secs, summary.requests / secs, latency:percentile(50)/1000,
    latency:percentile(90)/1000, latency:percentile(99)/1000, latency.mean/1000, latency.max/1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    ex, table.concat(cs, ",")))
end
