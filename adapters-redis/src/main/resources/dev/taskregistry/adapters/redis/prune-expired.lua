-- Removes the ids whose expires_at is past from one index, by Redis' own clock (the one key expiry
-- follows), and answers that clock, so a listing prunes and reads "now" in one keyed call (TIME outside
-- a script is keyless: Redis Cluster cannot route it).
-- KEYS[1] the index walked ({p}:idx:all, {p}:idx:status:<status> or {p}:idx:type:<type>)
-- Returns Redis' time in epoch milliseconds.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return now
