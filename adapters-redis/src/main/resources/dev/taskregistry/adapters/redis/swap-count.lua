-- Replaces the registry's recorded shard count (or migration mark) only while it is what the caller read, so
-- that two migrations started at once, or a worker recording a count meanwhile, cannot overwrite each other.
-- KEYS[1] {p}:shards   ARGV[1] the value read ('' when the key was absent)   ARGV[2] the new value
-- Returns 1 when replaced, 0 when the key held something else (nothing is written then).

local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
return 1
