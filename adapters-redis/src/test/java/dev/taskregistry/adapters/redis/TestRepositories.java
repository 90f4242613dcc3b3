package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.testing.TaskChangeFeedContract;
import dev.taskregistry.redis.testing.TestRedisCluster;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Repositories for the adapter's own tests, on any Redis URL. */
final class TestRepositories {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private TestRepositories() {}

    static RedisTaskRepository on(String url, String prefix, Duration timeout) {
        return on(new RedisStoreSettings(url, prefix, timeout));
    }

    static RedisTaskRepository on(RedisStoreSettings settings) {
        return new RedisTaskRepository(RedisConnection.standalone(settings), settings.keyPrefix());
    }

    /** On one Redis server, the change feed's reader on a connection of its own. */
    static RedisTaskRepository withFeed(RedisStoreSettings settings, RedisFeedSettings feed) {
        return new RedisTaskRepository(
                RedisConnection.standalone(settings),
                RedisConnection.standalone(
                        new RedisStoreSettings(settings.url(), settings.keyPrefix(), settings.timeout(), 1)),
                settings.keyPrefix(),
                feed);
    }

    /** The change feed's settings for the contract: the smallest retention it allows, to outgrow it quickly. */
    static RedisFeedSettings contractFeed() {
        return RedisFeedSettings.forTimeout(TIMEOUT).retaining(TaskChangeFeedContract.MIN_RETAINED_CHANGES);
    }

    /**
     * The change feed's settings for the contract on {@code shards} shards: the retention shared out so that each
     * shard's stream keeps the contract's smallest, {@link TaskChangeFeedContract#MIN_RETAINED_CHANGES}; the
     * contract's gap tests write twice the whole retention, enough to trim every shard.
     */
    static RedisFeedSettings shardedContractFeed(int shards) {
        return RedisFeedSettings.forTimeout(TIMEOUT).retaining(shardedContractRetention(shards));
    }

    /** The whole retention of {@link #shardedContractFeed}: what the contract is told the feed keeps. */
    static int shardedContractRetention(int shards) {
        return shards * TaskChangeFeedContract.MIN_RETAINED_CHANGES;
    }

    /** On the cluster, as the service connects to it ({@code taskregistry.redis.mode=cluster}). */
    static RedisTaskRepository onCluster(TestRedisCluster cluster, String prefix) {
        return RedisTaskRepository.connect(clusterSettings(cluster, prefix));
    }

    /** The URLs of the masters that serve a registry of {@code shards} shards under {@code prefix}, and its count key. */
    static List<String> mastersOf(TestRedisCluster cluster, String prefix, int shards) {
        ShardLayout layout = new ShardLayout(prefix, shards);
        Stream<String> keys =
                Stream.concat(layout.shards().stream().map(RedisKeys::all), Stream.of(layout.shardCountKey()));
        return keys.map(key -> cluster.masterOf(key).url()).distinct().toList();
    }

    static RedisStoreSettings clusterSettings(TestRedisCluster cluster, String prefix) {
        return new RedisStoreSettings("redis://127.0.0.1", prefix, TIMEOUT)
                .on(RedisDeployment.of("cluster", Optional.of(cluster.nodesSetting()), Optional.empty()));
    }

    /** On the Sentinel set's master, as the service connects to it ({@code taskregistry.redis.mode=sentinel}). */
    static RedisTaskRepository onSentinel(TestRedisSentinel sentinel, String prefix) {
        return RedisTaskRepository.connect(sentinelSettings(sentinel, prefix));
    }

    static RedisStoreSettings sentinelSettings(TestRedisSentinel sentinel, String prefix) {
        return new RedisStoreSettings("redis://127.0.0.1", prefix, TIMEOUT)
                .on(RedisDeployment.of(
                        "sentinel",
                        Optional.of(sentinel.sentinelsSetting()),
                        Optional.of(TestRedisSentinel.MASTER_NAME)));
    }
}
