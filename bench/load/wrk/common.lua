-- What start.lua and complete.lua share: each wrk thread's own share of a file of spent-once
-- values (captchas, reset tokens), the statuses seen, and the RESULT line in the peers' format
-- (../shared/peers/common). Loaded with require from the scripts' own folder.
local common = {}

common.threads = {}

-- wrk's setup(): numbers each thread (tid, from 1) for its share.
function common.setup(thread)
  table.insert(common.threads, thread)
  thread:set("tid", #common.threads)
end

-- The non-empty lines of `path` that fall to thread `tid` of `nthreads`, round robin.
function common.share(path, tid, nthreads)
  local lines, i = {}, 0
  for line in io.lines(path) do
    if #line > 0 then
      if (i % nthreads) + 1 == tid then table.insert(lines, line) end
      i = i + 1
    end
  end
  return lines
end

-- wrk's done(): one RESULT line, the threads' statuses summed and `exhausted_key` counting
-- the requests that found no value left.
function common.result(mode, exhausted_key, summary, latency)
  local agg, ex = {}, 0
  for _, t in ipairs(common.threads) do
    for k, v in pairs(t:get("codes")) do agg[k] = (agg[k] or 0) + v end
    ex = ex + t:get("exhausted")
  end
  local cs = {}
  for k, v in pairs(agg) do table.insert(cs, string.format('"%s":%d', k, v)) end
  local secs = summary.duration / 1e6
  io.write(string.format('RESULT {"mode":"%s","requests":%d,"secs":%.2f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"mean_ms":%.2f,"max_ms":%.2f,"socket_errors":%d,"%s":%d,"codes":{%s}}\n',
    mode, summary.requests, secs, summary.requests / secs, latency:percentile(50)/1000,
    latency:percentile(90)/1000, latency:percentile(99)/1000, latency.mean/1000, latency.max/1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    exhausted_key, ex, table.concat(cs, ",")))
end

return common
