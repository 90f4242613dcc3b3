package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisConnection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * A {@link RedisConnection} that hands the repository a view of the real connection's client in which each
 * {@code EVALSHA} of a shipped script runs the script that {@code scripts} maps it to, with the same keys and
 * arguments; every other command goes to the real client unchanged. The repository above it is the adapter as
 * shipped: it encodes, names its keys and builds its arguments itself; only the script Redis runs differs.
 *
 * <p>Benchmark code only: {@link FeedCostBenchmark} runs both of its variants through this connection (the shipped
 * scripts mapped to themselves, or to the scripts without their event), so the two differ in the script alone. An
 * {@code EVALSHA} of a script not in the map fails, so no call runs a script nobody chose.
 */
final class ScriptSwappingConnection implements RedisConnection {

    private final RedisConnection real;
    private final Map<String, FeedScripts.Script> scripts;
    private volatile UnifiedJedis lastClient;
    private volatile UnifiedJedis lastView;

    /** {@code scripts}: the SHA1 of each shipped script the repository may call, and the script to run instead. */
    ScriptSwappingConnection(RedisConnection real, Map<String, FeedScripts.Script> scripts) {
        this.real = real;
        this.scripts = Map.copyOf(scripts);
    }

    @Override
    public <T> T call(String operation, Function<UnifiedJedis, T> work) {
        return real.call(operation, client -> work.apply(viewOf(client)));
    }

    @Override
    public void open(String operation) {
        real.open(operation);
    }

    @Override
    public void close() {
        real.close();
    }

    /** The standalone connection passes the same client every time: one view, made on first use. */
    private UnifiedJedis viewOf(UnifiedJedis client) {
        UnifiedJedis view = lastView;
        if (lastClient != client || view == null) {
            synchronized (this) {
                if (lastClient != client || lastView == null) {
                    lastView = new SwappingView(client, scripts);
                    lastClient = client;
                }
                view = lastView;
            }
        }
        return view;
    }

    /** The client as the repository sees it. */
    private static final class SwappingView extends UnifiedJedis {

        private final UnifiedJedis client;
        private final Map<String, FeedScripts.Script> scripts;

        SwappingView(UnifiedJedis client, Map<String, FeedScripts.Script> scripts) {
            super(passingTo(client), null, RedisProtocol.RESP2, null);
            this.client = client;
            this.scripts = scripts;
        }

        @Override
        public Object evalsha(String sha, List<String> keys, List<String> args) {
            FeedScripts.Script script = scripts.get(sha);
            if (script == null) {
                throw new IllegalStateException("EVALSHA of " + sha + ", a script this benchmark did not map");
            }
            try {
                return client.evalsha(script.sha(), keys, args);
            } catch (JedisNoScriptException notLoaded) {
                client.scriptLoad(script.source(), keys.getFirst());
                return client.evalsha(script.sha(), keys, args);
            }
        }

        private static CommandExecutor passingTo(UnifiedJedis client) {
            return new CommandExecutor() {
                @Override
                public <T> T executeCommand(CommandObject<T> command) {
                    return client.executeCommand(command);
                }

                @Override
                public void close() {}
            };
        }
    }
}
