-- wrk: POST /v1/recovery/flows, each request with a captcha of its own (spent once), for an
-- EXISTING account (real<i>@corp.example, i < ACCOUNTS) or an UNKNOWN identifier, one never
-- seen before (RUN names the run, so that no run meets another's decoys already kept). Prints
-- one RESULT line in the peers' format (../shared/peers/common), with the statuses seen.
-- env: MODE=existing|unknown  CAPTCHAS=<file, one per line>  ACCOUNTS=<n>  RUN=<name>
--      NTHREADS=<wrk -t>
local threads = {}
function setup(thread) table.insert(threads, thread); thread:set("tid", #threads) end
local mode = os.getenv("MODE") or "existing"
local accounts = tonumber(os.getenv("ACCOUNTS") or "1000")
local nthreads = tonumber(os.getenv("NTHREADS") or "2")
local run = os.getenv("RUN") or "run"
local captchas = {}
local idx = 0
codes = {}
exhausted = 0
function init(args)
  local i = 0
  for line in io.lines(os.getenv("CAPTCHAS")) do
    if #line > 0 then
      if (i % nthreads) + 1 == tid then table.insert(captchas, line) end
      i = i + 1
    end
  end
end
function request()
  idx = idx + 1
  local captcha = captchas[idx]
  if captcha == nil then exhausted = exhausted + 1; captcha = "exhausted" end
  local identifier
  if mode == "existing" then identifier = "real" .. ((idx * nthreads + tid) % accounts) .. "@corp.example"
  else identifier = "nobody-" .. run .. "-" .. tid .. "x" .. idx .. "@corp.example" end
  return wrk.format("POST", "/v1/recovery/flows", {["Content-Type"] = "application/json"},
    '{"identifier":"' .. identifier .. '","captcha":"' .. captcha .. '"}')
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
  io.write(string.format('RESULT {"mode":"%s","requests":%d,"secs":%.2f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"mean_ms":%.2f,"max_ms":%.2f,"socket_errors":%d,"captchas_exhausted":%d,"codes":{%s}}\n',
    mode, summary.requests, secs, summary.requests / secs, latency:percentile(50)/1000,
    latency:percentile(90)/1000, latency:percentile(99)/1000, latency.mean/1000, latency.max/1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    ex, table.concat(cs, ",")))
end
