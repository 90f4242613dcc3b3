package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** The key's own expiry in Redis follows the task's expires_at exactly, through every kind of change. */
class RedisExpiryTest {

    private static final long TOLERANCE_MILLIS = 2_000;

    @RegisterExtension
    final SharedRedisNamespace namespace = new SharedRedisNamespace();

    private final RedisTaskRepository repository = namespace.openRepository();
    private final RedisClient redis = namespace.openPlainClient();

    @Test
    void registeredTask_expiresWithItsTtl() {
        Task task = TestTasks.pendingTask(Instant.now(), TestTasks.DEFAULT_TYPE, Duration.ofMinutes(10));

        repository.register(task);

        assertThat(redis.pexpireTime(key(task))).isEqualTo(task.expiresAt().toEpochMilli());
        assertThat(redis.pttl(key(task)))
                .isBetween(
                        Duration.ofMinutes(10).toMillis() - TOLERANCE_MILLIS,
                        Duration.ofMinutes(10).toMillis());
    }

    @Test
    void progressAndCompletion_keepCountingDownFromTheOriginalTtl() {
        // Registered two minutes ago with ten minutes to live: eight are left, never ten again.
        Instant registeredAt = Instant.now().minus(Duration.ofMinutes(2));
        Task task = TestTasks.pendingTask(registeredAt, TestTasks.DEFAULT_TYPE, Duration.ofMinutes(10));
        Task progressed = task.reportProgress(ProgressReport.ofSteps(4), Instant.now());
        Task completed = progressed.complete(TaskResult.ofJson("1"), Instant.now(), Duration.ofMinutes(1));
        repository.register(task);

        repository.update(progressed);
        long afterProgress = redis.pttl(key(task));
        repository.update(completed);

        assertThat(completed.expiresAt()).isEqualTo(task.expiresAt());
        assertThat(afterProgress)
                .isBetween(
                        Duration.ofMinutes(8).toMillis() - TOLERANCE_MILLIS,
                        Duration.ofMinutes(8).toMillis());
        assertThat(redis.pttl(key(task))).isLessThanOrEqualTo(afterProgress);
        assertThat(redis.pexpireTime(key(task))).isEqualTo(task.expiresAt().toEpochMilli());
    }

    @Test
    void newTtl_replacesTheExpiry_ofTheKeyAndOfTheIndexEntries() {
        Task task = TestTasks.pendingTask(Instant.now(), TestTasks.DEFAULT_TYPE, Duration.ofMinutes(10));
        repository.register(task);

        Task extended = task.withTtl(Duration.ofHours(1), Instant.now());
        repository.update(extended);

        assertThat(redis.pttl(key(task)))
                .isBetween(
                        Duration.ofHours(1).toMillis() - TOLERANCE_MILLIS,
                        Duration.ofHours(1).toMillis());
        assertThat(redis.pexpireTime(key(task))).isEqualTo(extended.expiresAt().toEpochMilli());
        double score = extended.expiresAt().toEpochMilli();
        assertThat(redis.zscore(index("all"), task.id().value())).isEqualTo(score);
        assertThat(redis.zscore(index("status:pending"), task.id().value())).isEqualTo(score);
        assertThat(redis.zscore(index("type:equity_analysis"), task.id().value()))
                .isEqualTo(score);
    }

    @Test
    void terminalTransition_keepsTheTaskForTheResultRetention_whenThatIsLongerThanItsRemainingTtl() {
        Task task = TestTasks.pendingTask(Instant.now(), TestTasks.DEFAULT_TYPE, Duration.ofSeconds(5));
        repository.register(task);

        Task cancelled = task.cancel(Instant.now(), Duration.ofMinutes(2));
        repository.update(cancelled);

        assertThat(redis.pttl(key(task)))
                .isBetween(
                        Duration.ofMinutes(2).toMillis() - TOLERANCE_MILLIS,
                        Duration.ofMinutes(2).toMillis());
        assertThat(redis.zscore(index("status:cancelled"), task.id().value()))
                .isEqualTo((double) cancelled.expiresAt().toEpochMilli());
    }

    @Test
    void expiredTask_isGoneFromFindListAndStats_andFromEveryIndex() throws InterruptedException {
        Task task = TestTasks.pendingTaskExpiringAt(Instant.now(), Instant.now().plusMillis(300));
        repository.register(task);

        Thread.sleep(400);

        assertThat(repository.find(task.id())).isEmpty();
        assertThat(repository.list(TaskFilter.all(), PageRequest.first(10)).items())
                .isEmpty();
        assertThat(repository
                        .list(TaskFilter.of(TaskStatus.PENDING, null), PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(repository.stats().total()).isZero();
        for (String index : new String[] {"all", "status:pending", "type:equity_analysis"}) {
            assertThat(redis.zcard(index(index))).as(index).isZero();
        }
        assertThat(redis.smembers(namespace.key("types"))).isEmpty();
    }

    private String key(Task task) {
        return namespace.key("task:" + task.id());
    }

    private String index(String name) {
        return namespace.key("idx:" + name);
    }
}
