-- Writes a task that a shard migration moves into its shard of the new layout: the document exactly as
-- it was stored, expiring at the same instant, and its index entries, as register.lua would have left them.
-- No event: feed positions of the old layout mean nothing in the new one, and the task did not change.
-- Writing the same task again (a migration run again after it stopped) leaves the same keys.
-- KEYS[1] {p}:task:<id>   KEYS[2] {p}:idx:all
-- KEYS[3..#KEYS-2] {p}:idx:status:<status>, one per status in the Java enum's order (as many as it has)
-- KEYS[#KEYS-1] {p}:idx:type:<type>   KEYS[#KEYS] {p}:types
-- ARGV[1] document (as stored)   ARGV[2] expiry (epoch millis)   ARGV[3] id
-- ARGV[4] status position 1..#KEYS-4 (which status key holds the task)   ARGV[5] type
-- Returns 1 when written, 0 when the expiry has passed by Redis' clock (then nothing is written).

local statuses = #KEYS - 4
local status = tonumber(ARGV[4])
if not status or status < 1 or status > statuses then
  return redis.error_reply('ERR status position ' .. tostring(ARGV[4]) .. ' is outside 1..' .. statuses)
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
-- An expired task is not moved: SET with a past PXAT would only create index entries for nothing.
if tonumber(ARGV[2]) <= now then
  return 0
end
-- PXAT, the instant itself: the task expires when it would have in its old shard.
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
for position = 1, statuses do
  if position == status then
    redis.call('ZADD', KEYS[2 + position], ARGV[2], ARGV[3])
  else
    redis.call('ZREM', KEYS[2 + position], ARGV[3])
  end
end
redis.call('ZADD', KEYS[#KEYS - 1], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[#KEYS], ARGV[5])
return 1
