-- wrk script: POST /mcp, the MCP tool call tools/call get-task-status, over the same tasks get-task.lua reads
-- (ids bench-0 .. bench-(BENCH_TASKS - 1), registered by scripts/bench-http.sh), each wrk thread starting at
-- its own offset, each request with its own JSON-RPC id. Counts answers that are not 200 and answers whose body
-- says "isError":true (a tool failure: unknown task, store outage), and prints both at the end as
--   mcp non-200: N
--   mcp isError: N
-- which scripts/bench-http.sh records; both must be 0.
local count = tonumber(os.getenv("BENCH_TASKS") or "1000")
local started = 0
local threads = {}

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"

function setup(thread)
   thread:set("offset", started * 397)
   thread:set("first_id", started * 1000000000)
   started = started + 1
   table.insert(threads, thread)
end

function init(args)
   next_task = tonumber(offset) or 0
   next_id = tonumber(first_id) or 0
   non200 = 0
   tool_errors = 0
end

function request()
   next_task = (next_task + 1) % count
   next_id = next_id + 1
   local body = '{"jsonrpc":"2.0","id":' .. next_id
      .. ',"method":"tools/call","params":{"name":"get-task-status","arguments":{"task_id":"bench-'
      .. next_task .. '"}}}'
   return wrk.format(nil, "/mcp", nil, body)
end

function response(status, headers, body)
   if status ~= 200 then
      non200 = non200 + 1
   elseif string.find(body, '"isError":true', 1, true) then
      tool_errors = tool_errors + 1
   end
end

function done(summary, latency, requests)
   local bad_status, is_error = 0, 0
   for _, thread in ipairs(threads) do
      bad_status = bad_status + (tonumber(thread:get("non200")) or 0)
      is_error = is_error + (tonumber(thread:get("tool_errors")) or 0)
   end
   io.write(string.format("mcp non-200: %d\nmcp isError: %d\n", bad_status, is_error))
end
