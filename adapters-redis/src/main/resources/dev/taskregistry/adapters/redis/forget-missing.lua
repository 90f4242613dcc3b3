-- Drops the index entries of ids whose document is gone although their score is not yet past
-- (the key was deleted or evicted behind the registry's back).
-- KEYS[1..n] {p}:task:<id> of each suspected id   KEYS[n+1..] the indexes to clean
-- ARGV[1] n   ARGV[2..n+1] the ids, in the order of KEYS[1..n]
-- Returns how many ids were dropped. An id whose document exists again (registered meanwhile) is kept.

local n = tonumber(ARGV[1])
local dropped = 0
for i = 1, n do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    for index = n + 1, #KEYS do
      redis.call('ZREM', KEYS[index], ARGV[i + 1])
    end
    dropped = dropped + 1
  end
end
return dropped
