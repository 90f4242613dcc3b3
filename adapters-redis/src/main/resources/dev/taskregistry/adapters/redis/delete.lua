-- Removes a task's document and every index entry of it; drops its type from the types set when the
-- type index becomes empty.
-- KEYS[1] {p}:task:<id>   KEYS[2] {p}:idx:all
-- KEYS[3..#KEYS-2] {p}:idx:status:<status>, one per status in the Java enum's order (as many as it has)
-- KEYS[#KEYS-2] {p}:idx:type:<type>   KEYS[#KEYS-1] {p}:types   KEYS[#KEYS] {p}:events
-- ARGV[1] id   ARGV[2] the task's type as the caller read it   ARGV[3] events retained (MAXLEN ~)
-- ARGV[4] event ids: 'clock' (a sharded registry) or '*'
-- Returns 1 when removed, 0 when no live task has this id, or the stored type (a string) when it is not
-- ARGV[2]: the id was registered again with another type meanwhile; nothing is removed, call again.
-- A removal appends one 'deleted' event (the stored status and version, no document) to {p}:events.

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

local stored = redis.call('GET', KEYS[1])
if not stored then
  return 0
end
local current = cjson.decode(stored)
local storedType = current['type']
if storedType ~= ARGV[2] then
  return tostring(storedType)
end
redis.call('DEL', KEYS[1])
-- All, every status index and the type index: as many as the caller passes.
for index = 2, #KEYS - 2 do
  redis.call('ZREM', KEYS[index], ARGV[1])
end
if redis.call('ZCARD', KEYS[#KEYS - 2]) == 0 then
  redis.call('SREM', KEYS[#KEYS - 1], ARGV[2])
end
-- Documents written by the original service carry no version: they count as version 1.
local version = tonumber(current['version']) or 1
appendEvent(KEYS[#KEYS], ARGV[3], ARGV[4], 'kind', 'deleted', 'id', ARGV[1],
  'type', ARGV[2], 'status', string.lower(tostring(current['status'])), 'version', tostring(version))
return 1
