-- Registers a new task: stores its document until expires_at unless the id is live, and indexes it.
-- KEYS[1] {p}:task:<id>   KEYS[2] {p}:idx:all
-- KEYS[3..7] {p}:idx:status:<pending|running|completed|failed|cancelled>
-- KEYS[8] {p}:idx:type:<type>   KEYS[9] {p}:types
-- ARGV[1] document (JSON)   ARGV[2] expires_at (epoch millis)   ARGV[3] id
-- ARGV[4] status position 1..5 (which of KEYS[3..7] holds the task)   ARGV[5] type
-- Returns 1 when registered, 0 when the id is live already (then nothing is written).

-- PXAT, not PX: the key dies at the task's own expires_at, however long the call took to arrive.
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PXAT', ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
local status = tonumber(ARGV[4])
for position = 1, 5 do
  if position == status then
    redis.call('ZADD', KEYS[2 + position], ARGV[2], ARGV[3])
  else
    -- An earlier task with this id may have expired in another status before its entry was pruned.
    redis.call('ZREM', KEYS[2 + position], ARGV[3])
  end
end
redis.call('ZADD', KEYS[8], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[9], ARGV[5])
return 1
