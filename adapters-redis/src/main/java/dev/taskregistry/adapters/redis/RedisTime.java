package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads Redis' own clock, the one its key expiry follows, so pruning agrees with expiry on every worker. The
 * clock is read inside scripts that name a key ({@code TIME} alone is keyless, which Redis Cluster cannot route).
 */
final class RedisTime {

    /** PTTL's answer for a key that does not exist. */
    private static final long KEY_MISSING = -2;

    private RedisTime() {}

    /**
     * When the key expires by Redis' clock: how a document of the original service, which has no
     * expires_at, learns it. Empty when the key is gone; a key without expiry is a storage fault.
     */
    static Optional<Instant> expiryOf(UnifiedJedis client, String key) {
        List<?> reply = (List<?>) LuaScripts.run(client, Script.KEY_EXPIRY, List.of(key), List.of());
        long now = (Long) reply.get(0);
        long remaining = (Long) reply.get(1);
        if (remaining == KEY_MISSING) {
            return Optional.empty();
        }
        if (remaining < 0) {
            throw new IllegalStateException("task key " + key + " has no expiry; the registry keeps tasks"
                    + " only for a limited time (set one with PEXPIRE)");
        }
        return Optional.of(Instant.ofEpochMilli(now + remaining));
    }

    /**
     * The call that removes the ids whose expires_at is past from {@code index} unless {@code all} (the same shard's)
     * still holds expired ids (they are owed an expiry event first, see prune-expired.lua), and answers Redis' time
     * in epoch millis and how many expired ids {@code all} holds.
     */
    static LuaScripts.ScriptCall pruning(String index, String all) {
        return new LuaScripts.ScriptCall(List.of(index, all), List.of());
    }

    /** Runs the {@link #pruning} calls, of one shard each, in one round trip; their answers in their order. */
    static List<Pruning> pruneExpired(UnifiedJedis client, List<LuaScripts.ScriptCall> prunings) {
        List<Object> replies = prunings.size() == 1
                ? List.of(LuaScripts.run(
                        client,
                        Script.PRUNE_EXPIRED,
                        prunings.getFirst().keys(),
                        prunings.getFirst().args()))
                : LuaScripts.runAll(client, Script.PRUNE_EXPIRED, prunings, ReplicaWait.none());
        return replies.stream()
                .map(reply -> (List<?>) reply)
                .map(reply -> new Pruning((Long) reply.get(0), (Long) reply.get(1)))
                .toList();
    }

    /** What {@link #pruneExpired} found: Redis' time, and the expired ids still owed their event. */
    record Pruning(long now, long owedExpiries) {}
}
