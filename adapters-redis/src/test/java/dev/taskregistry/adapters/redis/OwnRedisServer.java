package dev.taskregistry.adapters.redis;

import dev.taskregistry.redis.testing.OwnRedisServerExtension;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A redis-server process of one test class's own, for tests that stop, pause or reconfigure Redis: what a test
 * opens on it is closed after that test, the process after the class. Register it as a static
 * {@code @RegisterExtension} field.
 */
final class OwnRedisServer extends OwnRedisServerExtension implements AfterEachCallback {

    private final OpenedResources opened = new OpenedResources();

    /** A repository in a key prefix of its own, with the default timeout. */
    RedisTaskRepository openRepository() {
        return openRepository(TestRepositories.TIMEOUT);
    }

    /** A repository in a key prefix of its own. */
    RedisTaskRepository openRepository(Duration timeout) {
        return openRepository(TestRedis.uniquePrefix(), timeout);
    }

    /** A repository under {@code prefix}. */
    RedisTaskRepository openRepository(String prefix, Duration timeout) {
        return opened.add(TestRepositories.on(server().url(), prefix, timeout));
    }

    /** A repository in a key prefix of its own, spread over {@code shards} shards. */
    RedisTaskRepository openShardedRepository(int shards) {
        return openRepository(new RedisStoreSettings(server().url(), TestRedis.uniquePrefix(), TestRepositories.TIMEOUT)
                .withShards(shards));
    }

    /** A repository as the service connects with these settings. */
    RedisTaskRepository openRepository(RedisStoreSettings settings) {
        return opened.add(RedisTaskRepository.connect(settings));
    }

    /** A repository in a key prefix of its own whose change feed reads on a connection of its own. */
    RedisTaskRepository openRepositoryWithFeed() {
        RedisStoreSettings settings =
                new RedisStoreSettings(server().url(), TestRedis.uniquePrefix(), TestRepositories.TIMEOUT);
        return opened.add(TestRepositories.withFeed(settings, RedisFeedSettings.forTimeout(TestRepositories.TIMEOUT)));
    }

    /** What clients send this server from now until the end of the test, apart from what scripts run. */
    ClientCommandLog openCommandLog() {
        return opened.add(new ClientCommandLog(new HostAndPort("127.0.0.1", server().port())));
    }

    /** A single connection of its own, outside the registry's pool, codec and scripts. */
    Jedis openConnection() {
        return opened.add(new Jedis(new HostAndPort("127.0.0.1", server().port())));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        opened.closeAll();
    }
}
