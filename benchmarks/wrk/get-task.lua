-- wrk script: GET /tasks/{id} over the tasks that scripts/bench-http.sh registered before the run,
-- ids bench-0 .. bench-(BENCH_TASKS - 1), each wrk thread starting at its own offset.
local count = tonumber(os.getenv("BENCH_TASKS") or "1000")
local started = 0

function setup(thread)
   thread:set("offset", started * 397)
   started = started + 1
end

function init(args)
   next_task = tonumber(offset) or 0
end

function request()
   next_task = (next_task + 1) % count
   return wrk.format("GET", "/tasks/bench-" .. next_task)
end
