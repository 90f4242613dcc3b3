-- Registers a new task: stores its document until expires_at unless the id is live, and indexes it.
-- KEYS[1] {p}:task:<id>   KEYS[2] {p}:idx:all
-- KEYS[3..#KEYS-2] {p}:idx:status:<status>, one per status in the Java enum's order (as many as it has)
-- KEYS[#KEYS-2] {p}:idx:type:<type>   KEYS[#KEYS-1] {p}:types   KEYS[#KEYS] {p}:events
-- ARGV[1] document (JSON)   ARGV[2] expires_at (epoch millis)   ARGV[3] id
-- ARGV[4] status position 1..#KEYS-5 (which status key holds the task)   ARGV[5] type
-- ARGV[6] write_id: the token of this call, also in the document
-- ARGV[7] version (as in the document)   ARGV[8] status (lowercase name)   ARGV[9] events retained (MAXLEN ~)
-- ARGV[10] event ids: 'clock' (a sharded registry) or '*'
-- Returns 1 when registered (or when this very call registered it already), 0 when the id is live
-- otherwise (then nothing is written). A registration appends one 'registered' event to {p}:events; a
-- repeat or a refusal appends none.

-- The id of this change's event. A sharded registry ('clock') names it by Redis' clock in microseconds,
-- <ms>-<µs within the ms>, so that its shards' streams, merged by id, keep the order in which one server
-- stored the changes (Redis' own ids count per stream within a millisecond). Redis 6.2 takes such a full id.
-- When the clock has not passed the stream's last id (stepped back, a failover, the same microsecond), Redis'
-- own id follows that last id: the stream stays strictly increasing. An unsharded registry keeps '*'.
local function appendEvent(stream, retained, mode, ...)
  if mode == 'clock' then
    local time = redis.call('TIME')
    local micros = tonumber(time[2])
    local id = time[1] .. string.format('%03d', math.floor(micros / 1000)) .. '-' .. (micros % 1000)
    local appended = redis.pcall('XADD', stream, 'MAXLEN', '~', retained, id, ...)
    if type(appended) ~= 'table' or not appended.err then
      return appended
    end
  end
  return redis.call('XADD', stream, 'MAXLEN', '~', retained, '*', ...)
end

-- The number of statuses comes from the caller, so a new status cannot leave an index unvisited.
local statuses = #KEYS - 5
local status = tonumber(ARGV[4])
if not status or status < 1 or status > statuses then
  return redis.error_reply('ERR status position ' .. tostring(ARGV[4]) .. ' is outside 1..' .. statuses)
end

-- PXAT, not PX: the key dies at the task's own expires_at, however long the call took to arrive.
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PXAT', ARGV[2]) then
  -- This call's own token is stored: it repeats a registration whose reply was lost (a dropped
  -- connection, a failover), and is answered as that one was. The SET makes this connection's next
  -- WAIT count the replicas that hold the document.
  local stored = redis.call('GET', KEYS[1])
  if stored and cjson.decode(stored)['write_id'] == ARGV[6] then
    redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
    return 1
  end
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
for position = 1, statuses do
  if position == status then
    redis.call('ZADD', KEYS[2 + position], ARGV[2], ARGV[3])
  else
    -- An earlier task with this id may have expired in another status before its entry was pruned.
    redis.call('ZREM', KEYS[2 + position], ARGV[3])
  end
end
redis.call('ZADD', KEYS[#KEYS - 2], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[#KEYS - 1], ARGV[5])
-- In the same script as the change, so no change is stored without its event or the reverse.
appendEvent(KEYS[#KEYS], ARGV[9], ARGV[10], 'kind', 'registered', 'id', ARGV[3],
  'type', ARGV[5], 'status', ARGV[8], 'version', ARGV[7], 'task', ARGV[1])
return 1
