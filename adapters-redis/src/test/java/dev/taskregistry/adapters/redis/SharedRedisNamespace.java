package dev.taskregistry.adapters.redis;

import dev.taskregistry.redis.testing.TestRedis;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;

/**
 * A key prefix of one test's own on the shared test Redis: what the test opens there is closed, and every key
 * of the prefix deleted, after it. Register it as a non-static {@code @RegisterExtension} field.
 */
final class SharedRedisNamespace implements AfterEachCallback {

    private final String prefix = TestRedis.uniquePrefix();
    private final OpenedResources opened = new OpenedResources();

    String prefix() {
        return prefix;
    }

    /** The full name of a key under this prefix, e.g. {@code key("idx:all")} is {@code {prefix}:idx:all}. */
    String key(String name) {
        return "{" + prefix + "}:" + name;
    }

    RedisTaskRepository openRepository() {
        return opened.add(TestRepositories.on(TestRedis.url(), prefix, TestRepositories.TIMEOUT));
    }

    /** A client that sees Redis as it is, without the registry's codec or scripts. */
    RedisClient openPlainClient() {
        return opened.add(RedisClient.create(URI.create(TestRedis.url())));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            opened.closeAll();
        } finally {
            TestRedis.deleteNamespace(prefix);
        }
    }
}
