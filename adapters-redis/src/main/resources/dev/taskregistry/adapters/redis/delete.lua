-- Removes a task's document and every index entry of it; drops its type from the types set when the
-- type index becomes empty.
-- KEYS[1] {p}:task:<id>   KEYS[2] {p}:idx:all
-- KEYS[3..#KEYS-2] {p}:idx:status:<status>, one per status in the Java enum's order (as many as it has)
-- KEYS[#KEYS-1] {p}:idx:type:<type>   KEYS[#KEYS] {p}:types
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
-- All, every status index and the type index: as many as the caller passes.
for index = 2, #KEYS - 1 do
  redis.call('ZREM', KEYS[index], ARGV[1])
end
if redis.call('ZCARD', KEYS[#KEYS - 1]) == 0 then
  redis.call('SREM', KEYS[#KEYS], ARGV[2])
end
return 1
