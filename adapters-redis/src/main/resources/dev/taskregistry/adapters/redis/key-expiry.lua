-- When a key expires by Redis' own clock: how a document of the original service, which has no
-- expires_at, learns it, in one keyed call (TIME outside a script is keyless: Redis Cluster cannot route it).
-- KEYS[1] {p}:task:<id>
-- Returns {Redis' time in epoch milliseconds, the key's PTTL (-2: no key, -1: no expiry)}.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
return {now, redis.call('PTTL', KEYS[1])}
