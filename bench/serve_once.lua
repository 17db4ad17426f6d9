-- wrk script for `make bench`: sends every pre-generated push exactly once.
--
-- Thread k of n sends lines k, k+n, k+2n, ... of $BENCH_PUSHES, then idles (an empty
-- request writes nothing) and stops itself once every reply is in. It tells the driver on
-- stderr: "exhausted k" when its last push is out, "finished k" when its last reply is in.
-- A reply counts when it is a 200 carrying an encrypted answer whose <Nonce> is the one we
-- sent (Jingmin and the echo server both answer with the push's nonce), so latency is
-- measured per push here, without wrk's coordinated-omission correction. A 200 `success`
-- counts apart ("later"): WeChat's "no passive answer", whose reply goes out later as a
-- customer-service message (the driver checks the outbox sent it). wrk cannot tell which push
-- a `success` answers, so such pushes are counted but not timed.
-- done() writes $BENCH_REPORT: one "summary" line, one "thread" line per thread, "bad"
-- samples, then one "lat" line of microseconds per thread.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")

local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC, comparable across threads
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end

-- Main state: setup() and done().
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Thread state: init(), request(), response().
function init(args)
  local n = tonumber(os.getenv("BENCH_THREADS"))
  local headers = { ["Content-Type"] = "text/xml" }
  requests, nonces, started, latencies, bad_samples = {}, {}, {}, {}, {}
  local line_no = 0
  for line in io.lines(os.getenv("BENCH_PUSHES")) do
    if line_no % n == id then
      local nonce, target, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", target, headers, body)
      nonces[#nonces + 1] = nonce
    end
    line_no = line_no + 1
  end
  assigned, sent, ok, later, bad, first_us, last_us = #requests, 0, 0, 0, 0, 0, 0
  -- wrk calls request() once on thread 0 before it starts, only to parse what it returns:
  -- answer that call without consuming a push.
  verifying = (id == 0)
end

function request()
  if verifying then
    verifying = false
    return requests[1]
  end
  if sent >= assigned then
    return ""
  end
  sent = sent + 1
  local now = now_us()
  if sent == 1 then
    first_us = now
  end
  started[nonces[sent]] = now
  if sent == assigned then
    io.stderr:write(string.format("exhausted %d\n", id))
  end
  return requests[sent]
end

function response(status, headers, body)
  local now = now_us()
  local nonce = body:match("<Nonce><!%[CDATA%[([^%]]*)%]%]></Nonce>")
  local t0 = nonce and started[nonce]
  if status == 200 and t0 and body:find("<Encrypt><![CDATA[", 1, true) then
    ok = ok + 1
    latencies[ok] = now - t0
    started[nonce] = nil
  elseif status == 200 and body == "success" then
    later = later + 1
  else
    bad = bad + 1
    if #bad_samples < 5 then
      bad_samples[#bad_samples + 1] = status .. " " .. body:sub(1, 160):gsub("%s", " ")
    end
  end
  last_us = now
  if ok + later + bad == assigned then
    io.stderr:write(string.format("finished %d\n", id))
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("BENCH_REPORT"), "w"))
  local e = summary.errors
  out:write(string.format("summary %d %d %d %d %d %d %d\n", summary.duration,
    summary.requests, e.connect, e.read, e.write, e.status, e.timeout))
  for _, thread in ipairs(threads) do
    out:write(string.format("thread %d %d %d %d %d %.0f %.0f %d\n", thread:get("id"),
      thread:get("assigned"), thread:get("sent"), thread:get("ok"), thread:get("bad"),
      thread:get("first_us"), thread:get("last_us"), thread:get("later")))
    for _, sample in ipairs(thread:get("bad_samples")) do
      out:write("bad " .. sample .. "\n")
    end
  end
  for _, thread in ipairs(threads) do
    out:write("lat " .. table.concat(thread:get("latencies"), " ") .. "\n")
  end
  out:close()
end
