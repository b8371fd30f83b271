-- wrk script: POSTs pre-encoded request bodies in turn, each one once while they last.
-- Arguments: wrk ... -s post-bodies.lua URL -- BODIES_FILE CONTENT_TYPE API_KEY
-- BODIES_FILE holds the bodies back to back; BODIES_FILE.idx their lengths, one a line. Run with one thread (-t1):
-- each thread has its own copy of the script, so several would send the same bodies twice.
-- When the bodies run out, they are sent again (a retry the portal must store idempotently): done() reports how many.

local requests = {}
local sent = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local data = assert(io.open(args[1], "rb")):read("*a")
  local headers = { ["Content-Type"] = args[2], ["X-Api-Key"] = args[3] }
  local offset = 1
  for length in assert(io.open(args[1] .. ".idx", "r")):read("*a"):gmatch("%d+") do
    local n = tonumber(length)
    requests[#requests + 1] = wrk.format("POST", wrk.path, headers, data:sub(offset, offset + n - 1))
    offset = offset + n
  end
  data = nil
  wrk.thread:set("bodies", #requests)
end

function request()
  sent = sent + 1
  wrk.thread:set("sent", sent)
  return requests[(sent - 1) % #requests + 1]
end

function done(summary, latency, requests)
  local repeated = 0
  for _, thread in ipairs(threads) do
    repeated = repeated + math.max(0, (thread:get("sent") or 0) - (thread:get("bodies") or 0))
  end
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d repeated=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    repeated, latency:percentile(50), latency:percentile(99)))
end
