-- Removes the ids whose expires_at is past from one index, by Redis' own clock (the one key expiry
-- follows), and answers that clock, so a listing prunes and reads "now" in one keyed call (TIME outside
-- a script is keyless: Redis Cluster cannot route it).
-- While idx:all still holds expired ids, nothing is pruned: those ids are owed an 'expired' event, which
-- count.lua emits (it can tell their status and type from the indexes, which must keep them until then);
-- the caller runs it and walks on. Entries already gone from idx:all had their event and can go.
-- KEYS[1] the index walked ({p}:idx:all, {p}:idx:status:<status> or {p}:idx:type:<type>)   KEYS[2] {p}:idx:all
-- Returns {Redis' time in epoch milliseconds, how many expired ids idx:all holds (then nothing was pruned)}.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local owed = redis.call('ZCOUNT', KEYS[2], '-inf', now)
if owed == 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
end
return {now, owed}
