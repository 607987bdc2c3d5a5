-- wrk script for bench/checkin.py: single check-ins (and the bare one-INSERT baseline).
--
-- Every new request checks in a person nobody sent before (thread t of n sends the people at
-- offsets t, t + n, t + 2n, … of the slice), with a client_id derived from the run prefix and
-- the person id, by their QR code, at their site. A share of BENCH_REPLAY requests resend an
-- earlier body unchanged (a deliberate replay: the server must answer 200, never insert again).
-- done() writes what was sent and what was answered to BENCH_OUT for the verification.

local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

function init(args)
   nthreads = tonumber(os.getenv("BENCH_THREADS"))
   first = tonumber(os.getenv("BENCH_FIRST"))
   count = tonumber(os.getenv("BENCH_COUNT"))
   -- Rounds of one phase share its conference, each on its own people from this offset.
   offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
   replay_rate = tonumber(os.getenv("BENCH_REPLAY"))
   run = os.getenv("BENCH_RUN")
   method = os.getenv("BENCH_METHOD") or "qr"
   sites = {}
   for s in string.gmatch(os.getenv("BENCH_SITES"), "%d+") do
      sites[#sites + 1] = s
   end
   tokens = {}
   for line in io.lines(os.getenv("BENCH_TOKENS")) do
      tokens[#tokens + 1] = line
   end
   headers = {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
   }
   path = os.getenv("BENCH_PATH")
   k = 0
   sent = {}
   ok = {}
   statuses = {}
   replays = 0
   exhausted = 0
   math.randomseed(7919 + tid)
end

local function body_for(person)
   local i = person - first
   return string.format(
      '{"client_id":"%s-0000-4000-8000-%012x","person":%d,"qr":"%s","site":%s,"method":"%s"}',
      run, person, person, tokens[i + 1], sites[(i % #sites) + 1], method)
end

function request()
   if #sent > 0 and math.random() < replay_rate then
      replays = replays + 1
      return wrk.format("POST", path, headers, body_for(sent[math.random(#sent)]))
   end
   local index = offset + tid + k * nthreads
   if index >= count then
      -- Out of fresh people: replay rather than stop (counted, and reported).
      exhausted = exhausted + 1
      return wrk.format("POST", path, headers, body_for(sent[math.random(#sent)]))
   end
   k = k + 1
   local person = first + index
   sent[#sent + 1] = person
   return wrk.format("POST", path, headers, body_for(person))
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status == 200 or status == 201 then
      local person = string.match(body, '"person": ?(%d+)')
      if person then
         ok[#ok + 1] = person
      end
   end
end

function done(summary, latency, requests)
   local out = assert(io.open(os.getenv("BENCH_OUT"), "w"))
   local e = summary.errors
   out:write(string.format("summary requests %d duration_us %d bytes %d\n",
      summary.requests, summary.duration, summary.bytes))
   out:write(string.format("errors connect %d read %d write %d status %d timeout %d\n",
      e.connect, e.read, e.write, e.status, e.timeout))
   for _, p in ipairs({50, 90, 99, 99.9}) do
      out:write(string.format("latency_us p%s %d\n", p, latency:percentile(p)))
   end
   out:write(string.format("latency_us mean %d max %d\n", latency.mean, latency.max))
   for _, thread in ipairs(threads) do
      out:write(string.format("replays %d\n", thread:get("replays")))
      out:write(string.format("exhausted %d\n", thread:get("exhausted")))
      for code, n in pairs(thread:get("statuses")) do
         out:write(string.format("status %d %d\n", code, n))
      end
      for _, person in ipairs(thread:get("sent")) do
         out:write(string.format("sent %d\n", person))
      end
      for _, person in ipairs(thread:get("ok")) do
         out:write(string.format("ok %s\n", person))
      end
   end
   out:close()
end
