-- Removes a task's document and every index entry of it; drops its type from the types set when the
-- type index becomes empty.
-- KEYS[1] {p}:task:<id>   KEYS[2] {p}:idx:all
-- KEYS[3..7] {p}:idx:status:<pending|running|completed|failed|cancelled>
-- KEYS[8] {p}:idx:type:<type>   KEYS[9] {p}:types
-- ARGV[1] id   ARGV[2] the task's type as the caller read it
-- Returns 1 when removed, 0 when no live task has this id, or the stored type (a string) when it is not
-- ARGV[2]: the id was registered again with another type meanwhile; nothing is removed, call again.

local stored = redis.call('GET', KEYS[1])
if not stored then
  return 0
end
local storedType = cjson.decode(stored)['type']
if storedType ~= ARGV[2] then
  return tostring(storedType)
end
redis.call('DEL', KEYS[1])
for index = 2, 8 do
  redis.call('ZREM', KEYS[index], ARGV[1])
end
if redis.call('ZCARD', KEYS[8]) == 0 then
  redis.call('SREM', KEYS[9], ARGV[2])
end
return 1
