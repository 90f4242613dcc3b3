package dev.taskregistry.adapters.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
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
        KEY_EXPIRY("key-expiry.lua");

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
     * The calls of one script in one pipelined round trip, each still one atomic EVALSHA; their outcomes in
     * the same order. A call that Redis answers NOSCRIPT (the cache was emptied) is run again as {@link #run} does.
     */
    static List<Object> runAll(UnifiedJedis client, Script script, List<ScriptCall> calls) {
        List<Response<Object>> replies = new ArrayList<>(calls.size());
        try (AbstractPipeline pipeline = client.pipelined()) {
            for (ScriptCall call : calls) {
                replies.add(pipeline.evalsha(script.sha, call.keys(), call.args()));
            }
            pipeline.sync();
        }
        List<Object> outcomes = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            try {
                outcomes.add(replies.get(i).get());
            } catch (JedisNoScriptException notLoaded) {
                outcomes.add(
                        run(client, script, calls.get(i).keys(), calls.get(i).args()));
            }
        }
        return outcomes;
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
