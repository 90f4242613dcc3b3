-- Removes a task's document from its shard of the old layout once a shard migration has copied it to
-- the new one, only when it is still the document that was copied. Its index entries stay until the
-- migration is done with the shard, so that the shard's index does not change while it is walked.
-- KEYS[1] {p}:task:<id>   ARGV[1] the document as copied
-- Returns 1 when removed, 0 when it is gone already (expired), -1 when it is another document now (a worker
-- still writes to the registry; nothing is removed).

local stored = redis.call('GET', KEYS[1])
if not stored then
  return 0
end
if stored ~= ARGV[1] then
  return -1
end
redis.call('DEL', KEYS[1])
return 1
