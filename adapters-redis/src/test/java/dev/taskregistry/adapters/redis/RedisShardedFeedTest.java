package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskregistry.domain.FeedEvent;
import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.testing.TaskChangeFeedContract;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.domain.testing.WaitingCall;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * What the feed contract cannot say about the feed of a sharded registry: positions of another shard count, a gap
 * in one shard only, waking on any shard, and the readers it holds. On a Redis server of this class' own, so that
 * its connections can be counted.
 */
class RedisShardedFeedTest {

    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    private static final int SHARDS = 16;
    private static final Duration LONG_WAIT = Duration.ofMinutes(10);

    private final String prefix = TestRedis.uniquePrefix();
    private final ShardLayout layout = new ShardLayout(prefix, SHARDS);
    private final ShardedFeedPositions positions = new ShardedFeedPositions(layout);
    private RedisTaskRepository repository;
    private TaskChangeFeed feed;

    @BeforeEach
    void openTheRegistry() {
        repository = RedisTaskRepository.connect(
                new RedisStoreSettings(redis.server().url(), prefix, TestRepositories.TIMEOUT).withShards(SHARDS),
                TestRepositories.shardedContractFeed(SHARDS));
        feed = repository.changeFeed();
    }

    @AfterEach
    void closeTheRegistry() {
        repository.close();
    }

    @Test
    void aPositionOfAnotherShardCountOrOfTheUnshardedFeed_isAGap() {
        repository.register(TestTasks.pendingTask(Instant.now()));
        ShardCursors heads = positions.cursorsOf(feed.head()).orElseThrow();
        List<FeedPosition> foreign = List.of(
                new ShardedFeedPositions(new ShardLayout(prefix, 8))
                        .of(new ShardCursors(heads.ids().subList(0, 8))),
                new ShardedFeedPositions(new ShardLayout(prefix + "x", SHARDS)).of(heads),
                new FeedPositions(new RedisKeys(prefix).events()).of(heads.get(0)));

        for (FeedPosition position : foreign) {
            assertThat(feed.replay(position, TaskChangeFilter.all(), 10))
                    .as("replay after %s", position)
                    .isEqualTo(new FeedGap(feed.head()));
        }
    }

    @Test
    void aPosition_survivesItsWritingAndReading() {
        registerInEveryShard();

        FeedPosition head = feed.head();

        assertThat(positions.of(positions.cursorsOf(head).orElseThrow())).isEqualTo(head);
        assertThat(head.value().length()).isLessThan(FeedPosition.MAX_LENGTH);
    }

    @Test
    void entriesLostInOneShard_areAGap_resumingThatShardAtItsHead_andTheOthersWhereTheyWere() {
        registerInEveryShard();
        FeedPosition start = feed.head();
        int trimmed = 3;
        for (int i = 0; i < 3 * TaskChangeFeedContract.MIN_RETAINED_CHANGES; i++) {
            repository.register(taskInShard(trimmed));
        }

        FeedReplay replay = feed.replay(start, TaskChangeFilter.all(), TaskChangeFeed.MAX_REPLAY_LIMIT);

        ShardCursors before = positions.cursorsOf(start).orElseThrow();
        ShardCursors now = positions.cursorsOf(feed.head()).orElseThrow();
        assertThat(replay).isEqualTo(new FeedGap(positions.of(before.with(trimmed, now.get(trimmed)))));
    }

    @Test
    void aWaitingSubscriber_isWokenByAChangeInAnyShard() throws Exception {
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty())) {
            for (int shard = 0; shard < SHARDS; shard++) {
                try (WaitingCall<Optional<FeedEvent>> waiting = WaitingCall.start(() -> subscription.next(LONG_WAIT))) {
                    waiting.awaitParked();
                    Task task = taskInShard(shard);

                    repository.register(task);

                    assertThat(waiting.result())
                            .as("woken by shard %d", shard)
                            .hasValueSatisfying(event ->
                                    assertThat(((TaskChange) event).taskId()).isEqualTo(task.id()));
                }
            }
        }
    }

    @Test
    void aSubscription_holdsOneBlockingReadPerShard_andClosingTheRepositoryReleasesEveryOne() {
        FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty());
        await().atMost(Duration.ofSeconds(60)).until(() -> blockingReads() == SHARDS);

        repository.close();

        assertThat(subscription.isOpen()).isFalse();
        await().atMost(Duration.ofSeconds(60)).until(() -> blockingReads() == 0);
    }

    /** The clients of this class' server whose last command is XREAD: the feed's readers, on this server alone. */
    private static long blockingReads() {
        try (Jedis client = redis.openConnection()) {
            return client.clientList()
                    .lines()
                    .filter(line -> line.contains(" cmd=xread "))
                    .count();
        }
    }

    private void registerInEveryShard() {
        for (int shard = 0; shard < SHARDS; shard++) {
            repository.register(taskInShard(shard));
        }
    }

    private Task taskInShard(int shard) {
        while (true) {
            TaskId id = TestTasks.uniqueId();
            if (layout.shardOf(id) == shard) {
                return TestTasks.pendingTask(id, Instant.now(), TestTasks.DEFAULT_TYPE, TestTasks.DEFAULT_TTL);
            }
        }
    }
}
