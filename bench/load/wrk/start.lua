-- wrk: POST /v1/recovery/flows, each request with a captcha of its own (spent once), for an
-- EXISTING account (real<i>@corp.example, i < ACCOUNTS) or an UNKNOWN identifier, one never
-- seen before (RUN names the run, so that no run meets another's decoys already kept). Prints
-- one RESULT line in the peers' format (../shared/peers/common), with the statuses seen.
-- env: MODE=existing|unknown  CAPTCHAS=<file, one per line>  ACCOUNTS=<n>  RUN=<name>
--      NTHREADS=<wrk -t>  DELAY_MS=<a connection's wait after each answer, for a fixed rate>
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local mode = os.getenv("MODE") or "existing"
local accounts = tonumber(os.getenv("ACCOUNTS") or "1000")
local nthreads = tonumber(os.getenv("NTHREADS") or "2")
local run = os.getenv("RUN") or "run"
local delay_ms = tonumber(os.getenv("DELAY_MS") or "")
local captchas = {}
local idx = 0
codes = {}
exhausted = 0
function init(args) captchas = common.share(os.getenv("CAPTCHAS"), tid, nthreads) end
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
if delay_ms then function delay() return delay_ms end end
function response(status, hdrs, body) codes[status] = (codes[status] or 0) + 1 end
function done(summary, latency, requests) common.result(mode, "captchas_exhausted", summary, latency) end
