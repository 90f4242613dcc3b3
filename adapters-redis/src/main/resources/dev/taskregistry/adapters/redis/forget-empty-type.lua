-- Removes a type from the types set once its index is empty; atomic, so a concurrent registration of
-- that type (which adds to both) is never undone.
-- KEYS[1] {p}:idx:type:<type>   KEYS[2] {p}:types
-- ARGV[1] type
-- Returns 1 when the type was removed, 0 when its index has members (or it was not in the set).

if redis.call('ZCARD', KEYS[1]) == 0 then
  return redis.call('SREM', KEYS[2], ARGV[1])
end
return 0
