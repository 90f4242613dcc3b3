-- Counts the registry's tasks as one atomic snapshot (the total always equals the sum of the status
-- counts): prunes the ids whose expires_at is past by Redis' own clock from every index, then counts
-- each; a type whose index is empty leaves the types set (atomic, so a concurrent registration of that
-- type, which adds to both, is never undone).
-- Every id pruned from {p}:idx:all yields one 'expired' event: this is the only script that removes an
-- expired id from idx:all (prune-expired.lua leaves it here), and it does so before it prunes the status
-- and type indexes, which still tell the status and type the task had (its document is gone by now).
-- KEYS[1] {p}:idx:all   KEYS[2..n+1] {p}:idx:status:<status>, one per status   KEYS[n+2] {p}:types
-- KEYS[n+3] {p}:events   KEYS[n+4..] {p}:idx:type:<type>, one per type named in ARGV
-- ARGV[1] n, the number of status indexes   ARGV[2] events retained (MAXLEN ~)
-- ARGV[3..n+2] the status names, in the order of their KEYS   ARGV[n+3..] the types, in the order of their KEYS
-- ARGV[#ARGV] event ids: 'clock' (a sharded registry) or '*', after the types (their count follows KEYS)
-- Returns {counts, {}}: the counts in the order of the index KEYS (all, each status, each type named). The caller
-- names the types it learnt from earlier calls, so that counting is one call; when the types set holds types it
-- did not name (new since), the script changes nothing and returns {{}, unnamed}: an expiry event must carry
-- its task's type, found in the type indexes, so every one must be among KEYS. The caller calls again naming them.

-- The id of this change's event. A sharded registry ('clock') names it by Redis' clock in microseconds,
-- <ms>-<µs within the ms>, so that its shards' streams, merged by id, keep the order in which one server
-- stored the changes (Redis' own ids count per stream within a millisecond). Redis 6.2 takes such a full id.
-- When the clock has not passed the stream's last id (stepped back, a failover, the same microsecond), Redis'
-- own id follows that last id: the stream stays strictly increasing. An unsharded registry keeps '*'.
local function appendEvent(stream, retained, mode, ...)
  if mode == 'clock' then
    local time = redis.call('TIME')
    local micros = tonumber(time[2])
    local id = time[1] .. string.format('%03d', math.floor(micros / 1000)) .. '-' .. (micros % 1000)
    local appended = redis.pcall('XADD', stream, 'MAXLEN', '~', retained, id, ...)
    if type(appended) ~= 'table' or not appended.err then
      return appended
    end
  end
  return redis.call('XADD', stream, 'MAXLEN', '~', retained, '*', ...)
end

local statuses = tonumber(ARGV[1])
local types = statuses + 2
local events = statuses + 3
local firstType = statuses + 4
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local named = {}
for i = statuses + 3, #ARGV - 1 do
  named[ARGV[i]] = true
end
local unnamed = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[types])) do
  if not named[member] then
    unnamed[#unnamed + 1] = member
  end
end
if #unnamed > 0 then
  return {{}, unnamed}
end

local function nameOfIndexHolding(id, first, last, firstName)
  for i = first, last do
    if redis.call('ZSCORE', KEYS[i], id) then
      return ARGV[firstName + i - first]
    end
  end
  return nil
end

for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  local status = nameOfIndexHolding(id, 2, statuses + 1, 3)
  local type = nameOfIndexHolding(id, firstType, #KEYS, statuses + 3)
  local fields = {'kind', 'expired', 'id', id}
  -- Both are always found (an id leaves those indexes no earlier than idx:all); an event missing one
  -- is reported by the reader as unreadable rather than dressed up with an invented value.
  if type then
    fields[#fields + 1] = 'type'
    fields[#fields + 1] = type
  end
  if status then
    fields[#fields + 1] = 'status'
    fields[#fields + 1] = status
  end
  appendEvent(KEYS[events], ARGV[2], ARGV[#ARGV], unpack(fields))
end

local counts = {}
for i = 1, #KEYS do
  if i ~= types and i ~= events then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
    local count = redis.call('ZCARD', KEYS[i])
    counts[#counts + 1] = count
    if i >= firstType and count == 0 then
      redis.call('SREM', KEYS[types], ARGV[i - firstType + statuses + 3])
    end
  end
end
return {counts, {}}
