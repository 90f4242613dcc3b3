package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.adapters.redis.RedisConnection;
import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.application.RegisterTaskCommand;
import dev.taskregistry.application.ResourceUrlTemplate;
import dev.taskregistry.application.TaskUseCases;
import dev.taskregistry.application.TtlPolicy;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fix at application level: 4 independent application graphs ("workers"), each with its own
 * Redis connection, sharing one registry. Every worker finds every task.
 */
class SharedRegistryWorkersTest {

    private static final int WORKERS = 4;
    private static final int TASKS = 40;

    private final List<RedisTaskRepository> connections = new ArrayList<>();

    @AfterEach
    void closeConnections() {
        connections.forEach(RedisTaskRepository::close);
    }

    @Test
    void workersSharingOneRedis_findEveryTask() {
        String prefix = TestRedis.uniquePrefix();
        List<TaskUseCases> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            RedisTaskRepository repository = new RedisTaskRepository(
                    RedisConnection.standalone(new RedisStoreSettings(TestRedis.url(), prefix, Duration.ofSeconds(2))),
                    prefix);
            connections.add(repository);
            workers.add(TaskUseCases.wire(
                    repository,
                    Clock.systemUTC(),
                    new TtlPolicy(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(5)),
                    new ResourceUrlTemplate("mcp://task/{id}")));
        }
        List<TaskId> created = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            created.add(workers.get(t % WORKERS)
                    .registerTask()
                    .register(new RegisterTaskCommand(
                            null, TaskType.of("equity_analysis"), "task " + t, null, null, null))
                    .id());
        }

        int found = 0;
        for (int t = 0; t < TASKS; t++) {
            found += isFound(workers.get((t + 1) % WORKERS), created.get(t)) ? 1 : 0;
            for (TaskUseCases worker : workers) {
                found += isFound(worker, created.get(t)) ? 1 : 0;
            }
        }

        assertThat(found).isEqualTo(TASKS + TASKS * WORKERS);
    }

    private static boolean isFound(TaskUseCases worker, TaskId id) {
        try {
            worker.getTask().get(id);
            return true;
        } catch (TaskNotFound notFound) {
            return false;
        }
    }
}
