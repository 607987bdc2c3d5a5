-- wrk script for bench/checkin.py: offline devices uploading BENCH_BATCH check-ins per request.
--
-- Request j of thread t of n carries the block of people at offsets (t + j n) * BENCH_BATCH …
-- of the slice, each with a fresh client_id and QR code. A 200 answer with one "status": 201
-- per item means the whole block was recorded. done() writes blocks sent and answered (the
-- block, from the first person in the answer, and how many of its items were new).

local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

function init(args)
   nthreads = tonumber(os.getenv("BENCH_THREADS"))
   first = tonumber(os.getenv("BENCH_FIRST"))
   count = tonumber(os.getenv("BENCH_COUNT"))
   size = tonumber(os.getenv("BENCH_BATCH"))
   run = os.getenv("BENCH_RUN")
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
   j = 0
   sent = {}
   created = {}
   statuses = {}
   exhausted = 0
end

local function item(person)
   local i = person - first
   return string.format(
      '{"client_id":"%s-0000-4000-8000-%012x","qr":"%s","site":%s,"method":"qr"}',
      run, person, tokens[i + 1], sites[(i % #sites) + 1])
end

function request()
   local block = tid + j * nthreads
   if (block + 1) * size > count then
      -- Out of fresh people: resend the last block (all repeats), counted and reported.
      exhausted = exhausted + 1
      block = block - nthreads
   else
      j = j + 1
      sent[#sent + 1] = block
   end
   local items = {}
   for p = first + block * size, first + (block + 1) * size - 1 do
      items[#items + 1] = item(p)
   end
   return wrk.format("POST", path, headers, '{"items":[' .. table.concat(items, ",") .. "]}")
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status == 200 then
      -- The first result names the block's first person, which names the block.
      local person = tonumber(string.match(body, '"person": ?(%d+)'))
      local _, new = string.gsub(body, '"status": ?201', "")
      if person then
         created[#created + 1] = string.format("%d %d", math.floor((person - first) / size), new)
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
      out:write(string.format("exhausted %d\n", thread:get("exhausted")))
      for code, n in pairs(thread:get("statuses")) do
         out:write(string.format("status %d %d\n", code, n))
      end
      for _, block in ipairs(thread:get("sent")) do
         out:write(string.format("block %d\n", block))
      end
      for _, answer in ipairs(thread:get("created")) do
         out:write(string.format("answered %s\n", answer))
      end
   end
   out:close()
end
