-- Stores the next version of a task: checks the version, rewrites the document with PXAT expires_at,
-- moves the id to its status index and scores every index entry by expires_at.
-- KEYS[1] {p}:task:<id>   KEYS[2] {p}:idx:all
-- KEYS[3..#KEYS-2] {p}:idx:status:<status>, one per status in the Java enum's order (as many as it has)
-- KEYS[#KEYS-2] {p}:idx:type:<type>   KEYS[#KEYS-1] {p}:types   KEYS[#KEYS] {p}:events
-- ARGV[1] document (JSON)   ARGV[2] expires_at (epoch millis)   ARGV[3] id
-- ARGV[4] status position 1..#KEYS-5 (which status key holds the task)   ARGV[5] type
-- ARGV[6] the version the stored document must have: the new version - 1
-- ARGV[7] status (lowercase name)   ARGV[8] expires_at as the document writes it
-- ARGV[9] write_id: the token of this call, also in the document   ARGV[10] events retained (MAXLEN ~)
-- ARGV[11] event ids: 'clock' (a sharded registry) or '*'
-- Returns 1 when stored (or when this very call stored it already), 0 when no live task has this id,
-- -1 when the stored version or type differs (in both failure cases nothing is written). A stored
-- update appends one 'updated' event to {p}:events; a repeat or a refusal appends none.

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

local stored = redis.call('GET', KEYS[1])
if not stored then
  return 0
end
local current = cjson.decode(stored)
-- This call's own token is stored: it repeats an update whose reply was lost (a dropped connection, a
-- failover), and is answered as that one was. The SET makes this connection's next WAIT count the
-- replicas that hold the document.
if current['write_id'] == ARGV[9] then
  redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
  return 1
end
-- Documents written by the original service carry no version: they count as version 1.
local version = tonumber(current['version']) or 1
-- The version check makes the caller's view (and so the old status it knows) the stored one; the type
-- check rejects a write based on an earlier task whose id was registered again with another type.
if version ~= tonumber(ARGV[6]) or current['type'] ~= ARGV[5] then
  return -1
end
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
-- In the same script as the change, so no change is stored without its event or the reverse.
appendEvent(KEYS[#KEYS], ARGV[10], ARGV[11], 'kind', 'updated', 'id', ARGV[3],
  'type', ARGV[5], 'status', ARGV[7], 'version', tostring(version + 1), 'task', ARGV[1])
-- Most updates are progress reports: same status, same expiry, so the index entries already say the
-- right thing and the update is one SET. (A document of the original service has no expires_at and
-- is not indexed yet: it always takes the full path below.)
if current['status'] == ARGV[7] and current['expires_at'] == ARGV[8] then
  return 1
end
-- ZADD re-scores an existing entry, which is how a new TTL or a result retention reaches the indexes.
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
for position = 1, statuses do
  if position == status then
    redis.call('ZADD', KEYS[2 + position], ARGV[2], ARGV[3])
  else
    redis.call('ZREM', KEYS[2 + position], ARGV[3])
  end
end
redis.call('ZADD', KEYS[#KEYS - 2], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[#KEYS - 1], ARGV[5])
return 1
