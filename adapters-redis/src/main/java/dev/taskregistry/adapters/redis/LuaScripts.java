package dev.taskregistry.adapters.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs the registry's Lua scripts (resources next to this class) by SHA. A script is loaded into Redis
 * the first time Redis answers NOSCRIPT for it (first use, or after a restart or SCRIPT FLUSH), then
 * the call is repeated once.
 */
final class LuaScripts {

    /** One script file; its SHA1 is what EVALSHA names, computed here so no load is needed up front. */
    enum Script {
        REGISTER("register.lua"),
        UPDATE("update.lua"),
        DELETE("delete.lua"),
        FORGET_MISSING("forget-missing.lua"),
        PRUNE_EXPIRED("prune-expired.lua"),
        COUNT("count.lua"),
        KEY_EXPIRY("key-expiry.lua"),
        FEED_CLOCK("feed-clock.lua"),
        MIGRATE_IN("migrate-in.lua"),
        MIGRATE_OUT("migrate-out.lua"),
        SWAP_COUNT("swap-count.lua");

        private final String source;
        private final String sha;

        Script(String file) {
            this.source = read(file);
            this.sha = sha1(source);
        }

        String sha() {
            return sha;
        }
    }

    /** The reply every script gives when it wrote. */
    private static final Long WROTE = 1L;

    private LuaScripts() {}

    /** The KEYS and ARGV of one script call; {@code keys} must hold every key it touches (the Redis Cluster rule). */
    record ScriptCall(List<String> keys, List<String> args) {}

    /** EVALSHA of the script; {@code keys} must hold every key it touches (the Redis Cluster rule). */
    static Object run(UnifiedJedis client, Script script, List<String> keys, List<String> args) {
        try {
            return client.evalsha(script.sha, keys, args);
        } catch (JedisNoScriptException notLoaded) {
            client.scriptLoad(script.source, keys.getFirst());
            return client.evalsha(script.sha, keys, args);
        }
    }

    /**
     * As {@link #run}, then, when {@code wait} asks for replicas and the script wrote ({@code 1}), {@code WAIT} on
     * the same connection in the same round trip.
     *
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when the write reached fewer replicas than required
     */
    static Object run(
            UnifiedJedis client,
            Script script,
            List<String> keys,
            List<String> args,
            ReplicaWait wait,
            String operation) {
        if (!wait.waits()) {
            return run(client, script, keys, args);
        }
        Acknowledged outcome = runAndWait(client, script, keys, args, wait);
        if (outcome.noScript()) {
            client.scriptLoad(script.source, keys.getFirst());
            outcome = runAndWait(client, script, keys, args, wait);
        }
        Object result = reply(outcome.result());
        if (WROTE.equals(result)) {
            wait.requireAcknowledged(reply(outcome.replicas()), operation);
        }
        return result;
    }

    private record Acknowledged(Response<Object> result, Response<Long> replicas, boolean noScript) {}

    private static Acknowledged runAndWait(
            UnifiedJedis client, Script script, List<String> keys, List<String> args, ReplicaWait wait) {
        Response<Object> result;
        Response<Long> replicas;
        try (AbstractPipeline pipeline = Pipelines.open(client)) {
            result = pipeline.evalsha(script.sha, keys, args);
            replicas = pipeline.executeCommand(wait.command(keys.getFirst()));
            pipeline.sync();
        }
        try {
            reply(result);
            return new Acknowledged(result, replicas, false);
        } catch (JedisNoScriptException notLoaded) {
            return new Acknowledged(result, replicas, true);
        }
    }

    /**
     * The calls of one script in one pipelined round trip, each still one atomic EVALSHA; their outcomes in
     * the same order. A call that Redis answers NOSCRIPT (the cache was emptied) is run again as {@link #run} does.
     * When {@code wait} asks for replicas, one {@code WAIT} follows the calls in the same round trip.
     */
    static List<Object> runAll(UnifiedJedis client, Script script, List<ScriptCall> calls, ReplicaWait wait) {
        return runAll(client, script, calls, wait, "bulk registration");
    }

    /** As {@link #runAll(UnifiedJedis, Script, List, ReplicaWait)}; {@code operation} names the calls in errors. */
    static List<Object> runAll(
            UnifiedJedis client, Script script, List<ScriptCall> calls, ReplicaWait wait, String operation) {
        List<Response<Object>> replies = new ArrayList<>(calls.size());
        List<Response<Long>> replicas = new ArrayList<>();
        try (AbstractPipeline pipeline = Pipelines.open(client)) {
            for (ScriptCall call : calls) {
                replies.add(pipeline.evalsha(script.sha, call.keys(), call.args()));
            }
            if (wait.waits()) {
                // One WAIT per shard written: each shard's calls went over the connection to its slot's master, and
                // a WAIT counts the replicas that hold every write sent before it on its own connection.
                for (String shardKey : oneKeyPerShard(calls)) {
                    replicas.add(pipeline.executeCommand(wait.command(shardKey)));
                }
            }
            pipeline.sync();
        }
        for (Response<Long> acknowledged : replicas) {
            wait.requireAcknowledged(reply(acknowledged), operation);
        }
        List<Object> outcomes = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            try {
                outcomes.add(reply(replies.get(i)));
            } catch (JedisNoScriptException notLoaded) {
                outcomes.add(
                        run(client, script, calls.get(i).keys(), calls.get(i).args()));
            }
        }
        return outcomes;
    }

    private static Collection<String> oneKeyPerShard(List<ScriptCall> calls) {
        Map<String, String> byTag = new LinkedHashMap<>();
        for (ScriptCall call : calls) {
            String key = call.keys().getFirst();
            byTag.putIfAbsent(key.substring(0, key.indexOf('}') + 1), key);
        }
        return byTag.values();
    }

    /**
     * The reply of a pipelined command after {@code sync()}. Jedis' Redis Cluster pipeline does not throw when a
     * node's connection drops during {@code sync()} (a master killed in a failover): it logs the failure and
     * leaves that node's replies unset, and reading one throws {@link IllegalStateException}. That is a dropped
     * connection, so it leaves as one, to be retried or answered 503 like any other, never as a server error.
     */
    static <T> T reply(Response<T> response) {
        try {
            return response.get();
        } catch (IllegalStateException neverArrived) {
            throw new JedisConnectionException(
                    "the connection dropped before the pipelined reply arrived", neverArrived);
        }
    }

    /**
     * Loads every script into Redis now, so that no request pays for a NOSCRIPT answer and a reload. SCRIPT
     * LOAD goes to the node that serves {@code sampleKey} (on Redis Cluster, the master of its slot; every key
     * of a registry shares that slot).
     */
    static void loadAll(UnifiedJedis client, String sampleKey) {
        for (Script script : Script.values()) {
            client.scriptLoad(script.source, sampleKey);
        }
    }

    private static String read(String file) {
        try (InputStream in = LuaScripts.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + file, e);
        }
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
