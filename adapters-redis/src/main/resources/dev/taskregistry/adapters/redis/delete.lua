-- Removes a task's document and every index entry of it; drops its type from the types set when the
-- type index becomes empty.
-- KEYS[1] {p}:task:<id>   KEYS[2] {p}:idx:all
-- KEYS[3..#KEYS-2] {p}:idx:status:<status>, one per status in the Java enum's order (as many as it has)
-- KEYS[#KEYS-2] {p}:idx:type:<type>   KEYS[#KEYS-1] {p}:types   KEYS[#KEYS] {p}:events
-- ARGV[1] id   ARGV[2] the task's type as the caller read it   ARGV[3] events retained (MAXLEN ~)
-- Returns 1 when removed, 0 when no live task has this id, or the stored type (a string) when it is not
-- ARGV[2]: the id was registered again with another type meanwhile; nothing is removed, call again.
-- A removal appends one 'deleted' event (the stored status and version, no document) to {p}:events.

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
redis.call('XADD', KEYS[#KEYS], 'MAXLEN', '~', ARGV[3], '*', 'kind', 'deleted', 'id', ARGV[1],
  'type', ARGV[2], 'status', string.lower(tostring(current['status'])), 'version', tostring(version))
return 1
