package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a sharded registry sends for a listing and for stats (DESIGN.md §9): index entries read once per shard, the
 * documents of the page only (never limit x shards of them), one set read and one counting script per shard.
 */
class RedisShardedCommandUsageTest {

    private static final int SHARDS = 16;
    private static final int TASKS = 400;
    private static final int PAGE = 10;

    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    private RedisTaskRepository repository;

    @BeforeEach
    void registerTasks() {
        repository = redis.openShardedRepository(SHARDS);
        // As the service starts it: scripts loaded, so that no call below meets a NOSCRIPT and repeats.
        repository.warmUp();
        Instant now = Instant.now();
        // Each its own expiry, so that no two share a score: a page then needs no second read of any shard.
        List<Task> tasks = IntStream.range(0, TASKS)
                .mapToObj(i -> TestTasks.pendingTask(
                        now, TestTasks.DEFAULT_TYPE, Duration.ofMinutes(10).plusMillis(i)))
                .toList();
        repository.registerAll(tasks);
    }

    @Test
    void eachPage_readsIndexEntriesOncePerShard_andOnlyTheDocumentsOfThePageAndOneMore() {
        TaskPage first = listLogged(TaskFilter.all(), PageRequest.first(PAGE));
        listLogged(TaskFilter.all(), PageRequest.first(PAGE).after(first.next().orElseThrow()));
        listLogged(TaskFilter.of(TaskStatus.PENDING, null), PageRequest.first(PAGE));
    }

    @Test
    void stats_runOneCountingScriptPerShard_andASecondOnlyForAShardWithATypeNewToThisWorker() throws Exception {
        ClientCommandLog first = redis.openCommandLog();
        assertThat(repository.stats().total()).isEqualTo(TASKS);
        // Every type is new to this worker at its first count: each shard is counted again, naming it.
        assertThat(first.calls("evalsha")).hasSize(2 * SHARDS);
        first.close();

        ClientCommandLog later = redis.openCommandLog();
        assertThat(repository.stats().total()).isEqualTo(TASKS);
        assertThat(later.calls("evalsha")).hasSize(SHARDS);
        later.close();

        Task report = TestTasks.pendingTask(Instant.now(), TaskType.of("report"), Duration.ofMinutes(10));
        repository.register(report);
        ClientCommandLog afterNewType = redis.openCommandLog();
        TaskStats stats = repository.stats();

        assertThat(stats.total()).isEqualTo(TASKS + 1);
        assertThat(stats.byType()).containsEntry(TaskType.of("report"), 1L);
        assertThat(afterNewType.calls("evalsha")).hasSize(SHARDS + 1);
        assertThat(afterNewType.calls("smembers")).as("types read by clients").isEmpty();
    }

    private TaskPage listLogged(TaskFilter filter, PageRequest request) {
        ClientCommandLog log = redis.openCommandLog();

        TaskPage page = repository.list(filter, request);

        assertThat(page.items()).hasSize(PAGE);
        assertThat(log.calls("zrange")).as("index reads").hasSize(SHARDS);
        assertThat(log.calls("mget").stream().mapToInt(List::size).sum())
                .as("documents read")
                .isEqualTo(PAGE + 1);
        return page;
    }
}
