-- Counts the registry's tasks as one atomic snapshot (the total always equals the sum of the status
-- counts): prunes the ids whose expires_at is past by Redis' own clock from every index, then counts
-- each; a type whose index is empty leaves the types set (atomic, so a concurrent registration of that
-- type, which adds to both, is never undone).
-- KEYS[1] {p}:idx:all   KEYS[2..n+1] {p}:idx:status:<status>, one per status   KEYS[n+2] {p}:types
-- KEYS[n+3..] {p}:idx:type:<type>, one per type named in ARGV
-- ARGV[1] n, the number of status indexes   ARGV[2..] the types, in the order of their KEYS
-- Returns the counts in the order of the index KEYS: all, each status, each type.

local statuses = tonumber(ARGV[1])
local types = statuses + 2
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local counts = {}
for i = 1, #KEYS do
  if i ~= types then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
    local count = redis.call('ZCARD', KEYS[i])
    counts[#counts + 1] = count
    if i > types and count == 0 then
      redis.call('SREM', KEYS[types], ARGV[i - types + 1])
    end
  end
end
return counts
