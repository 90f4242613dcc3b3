-- Redis' clock as an events stream id, <ms>-<µs within the ms>: the fence of a sharded registry's feed, which
-- merges its shards' streams only below a moment every shard had already reached. In one keyed call, so Redis
-- Cluster routes it to the node of that stream (TIME outside a script is keyless).
-- KEYS[1] {p:k}:events of one shard (only routes the call)
-- Returns {seconds, microseconds}, as TIME does.

local time = redis.call('TIME')
return {tonumber(time[1]), tonumber(time[2])}
