package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.IllegalTaskTransition;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.Tuple;

/** However writers interleave, every index holds exactly the live tasks, under their stored status and expiry. */
class RedisIndexConsistencyTest {

    private static final int TASKS = 20;
    private static final int WRITERS = 6;
    private static final int ROUNDS = 4;

    @RegisterExtension
    final SharedRedisNamespace namespace = new SharedRedisNamespace();

    private final RedisTaskRepository repository = namespace.openRepository();
    private final RedisClient redis = namespace.openPlainClient();

    @Test
    void statusIndexes_matchTheStoredStatuses_afterConcurrentUpdatesFromSeveralThreads() throws Exception {
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            Task task = TestTasks.pendingTask(Instant.now());
            repository.register(task);
            ids.add(task.id());
        }
        List<UnaryOperator<Task>> changes = List.of(
                task -> task.start(Instant.now()),
                task -> task.reportProgress(
                        ProgressReport.ofSteps(Math.min(task.completedSteps() + 1, 10)), Instant.now()),
                task -> task.withTtl(Duration.ofMinutes(5 + task.version() % 7), Instant.now()),
                task -> task.version() % 3 == 0
                        ? task.complete(TaskResult.ofJson("true"), Instant.now(), Duration.ofMinutes(9))
                        : task.cancel(Instant.now(), Duration.ofMinutes(8)));

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int first = writer;
                done.add(writers.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        for (TaskId id : ids) {
                            changeWithRetry(
                                    id, changes.get(Math.floorMod(first + round + id.hashCode(), changes.size())));
                        }
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        Map<TaskStatus, Set<String>> expected = new HashMap<>();
        Map<String, Double> expiries = new HashMap<>();
        for (TaskId id : ids) {
            Task stored = repository.find(id).orElseThrow();
            expected.computeIfAbsent(stored.status(), status -> new HashSet<>()).add(id.value());
            expiries.put(id.value(), (double) stored.expiresAt().toEpochMilli());
        }
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(scores("status:" + StoredStatus.nameOf(status)))
                    .as(StoredStatus.nameOf(status))
                    .containsOnlyKeys(expected.getOrDefault(status, Set.of()));
        }
        assertThat(scores("all")).isEqualTo(expiries);
        assertThat(scores("type:equity_analysis")).isEqualTo(expiries);
        expected.forEach((status, members) -> assertThat(scores("status:" + StoredStatus.nameOf(status)))
                .allSatisfy((id, score) -> assertThat(score).isEqualTo(expiries.get(id))));
    }

    @Test
    void updateBasedOnAnEarlierTaskWithTheSameId_isRejected_andLeavesTheNewTaskAndItsIndexesAlone() {
        Task earlier = TestTasks.pendingTask(Instant.now());
        repository.register(earlier);
        repository.delete(earlier.id());
        Task later = TestTasks.pendingTask(earlier.id(), Instant.now(), TaskType.of("report"), Duration.ofMinutes(5));
        repository.register(later);

        assertThatThrownBy(() -> repository.update(earlier.start(Instant.now())))
                .isInstanceOf(ConcurrentTaskUpdate.class);

        assertThat(repository.find(earlier.id())).contains(later);
        assertThat(scores("type:equity_analysis")).isEmpty();
        assertThat(scores("type:report")).containsOnlyKeys(earlier.id().value());
        assertThat(redis.smembers(namespace.key("types"))).containsExactly("report");
    }

    @Test
    void deleteScript_givenATypeThatIsNoLongerStored_removesNothing_andNamesTheStoredType() {
        Task task = TestTasks.pendingTask(Instant.now());
        repository.register(task);
        RedisKeys keys = new RedisKeys(namespace.prefix());
        TaskType outdated = TaskType.of("report");

        Object outcome = LuaScripts.run(
                redis,
                LuaScripts.Script.DELETE,
                keys.forTaskChange(task.id(), outdated),
                List.of(task.id().value(), outdated.value()));

        assertThat(outcome).isEqualTo("equity_analysis");
        assertThat(repository.find(task.id())).contains(task);
        assertThat(scores("all")).containsOnlyKeys(task.id().value());
    }

    private void changeWithRetry(TaskId id, UnaryOperator<Task> change) {
        while (true) {
            Task current = repository.find(id).orElseThrow();
            Task next;
            try {
                next = change.apply(current);
            } catch (IllegalTaskTransition terminalOrStarted) {
                return;
            }
            try {
                repository.update(next);
                return;
            } catch (ConcurrentTaskUpdate lost) {
                // Another writer got there first: read again and reapply, as the application layer does.
            }
        }
    }

    private Map<String, Double> scores(String index) {
        Map<String, Double> scores = new HashMap<>();
        for (Tuple entry : redis.zrangeWithScores(namespace.key("idx:" + index), 0, -1)) {
            scores.put(entry.getElement(), entry.getScore());
        }
        return scores;
    }
}
