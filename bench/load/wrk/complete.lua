-- wrk: POST /v1/recovery/flows/<flow>/password, the last step of a reset: each flow's reset
-- token used once, with a new password of its own. Prints one RESULT line in the peers'
-- format.
-- env: RESETS=<file, "flow_id reset_token" per line>  NTHREADS=<wrk -t>
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
setup = common.setup
local nthreads = tonumber(os.getenv("NTHREADS") or "2")
local resets = {}
local idx = 0
codes = {}
exhausted = 0
function init(args) resets = common.share(os.getenv("RESETS"), tid, nthreads) end
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
function done(summary, latency, requests) common.result("complete", "resets_exhausted", summary, latency) end
