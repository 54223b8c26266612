-- bench-replay.lua: wrk sends the same pre-signed HTTP/1.1 request, byte for byte, on every request.
--
--   wrk -t2 -c16 -d5s --timeout 10s -s scripts/bench-replay.lua http://127.0.0.1:PORT -- REQUEST_FILE
--
-- REQUEST_FILE is the whole request as scripts/bench-server.py writes it (request line, Host, the SigV4
-- headers, Content-Length, blank line, body). Connections stay open unless the server closes them
-- (wrk then reconnects). done() prints one line that bench-server.py parses:
--   RESULT requests=N bytes=B seconds=S p50_us=X p99_us=Y max_us=Z non2xx=N connect=N read=N write=N timeout=N

local raw = nil

-- wrk 4.1 calls this from wrk.init(args) in each thread, then takes wrk.format() as the request of a
-- "static" script (no global `request` function): the bytes are built once per thread, not per request.
-- wrk.format is replaced so that they are the file's bytes unchanged.
function init(args)
  local path = args[1]
  if path == nil then
    error("usage: wrk ... -s bench-replay.lua URL -- REQUEST_FILE")
  end
  local f = assert(io.open(path, "rb"))
  raw = f:read("*a")
  f:close()
  wrk.format = function() return raw end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d bytes=%d seconds=%.6f p50_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.bytes, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
