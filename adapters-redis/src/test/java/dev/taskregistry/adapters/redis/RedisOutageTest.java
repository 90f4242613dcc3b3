package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.RedisServerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * With Redis stopped or frozen, every method answers TaskStoreUnavailable within about the timeout, never
 * "not found" and never a hang; the same repository works again once Redis is back.
 */
class RedisOutageTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** A bound on hanging, not a speed requirement: a call that is bounded by the timeout stays far below it. */
    private static final Duration NO_HANG = Duration.ofSeconds(5);

    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    private final RedisServerProcess server = redis.server();
    private final RedisTaskRepository repository = redis.openRepository(TIMEOUT);

    @Test
    void everyMethod_failsWithStoreUnavailable_whileRedisIsStopped_andTheSameRepositoryWorksAfterARestart() {
        assertEveryMethodFailsWithStoreUnavailableDuring(server::stop, server::startAgain);

        assertRegistersAndFinds(repository);
    }

    @Test
    void everyMethod_failsWithStoreUnavailable_whileRedisIsPaused_andTheSameRepositoryWorksOnceResumed() {
        Task existing = assertEveryMethodFailsWithStoreUnavailableDuring(server::pause, server::resume);

        // Writes that timed out may still run once Redis resumes; only the reads' success is certain.
        assertThat(repository.find(existing.id())).isPresent();
        assertRegistersAndFinds(repository);
    }

    /**
     * A warm pool's connections all look healthy when Redis freezes; every method on them still fails as an
     * outage and never hangs. That a call waits one timeout and not two (a broken connection's replacement is
     * not opened by its caller) is the mechanism RedisConnectionPoolTest proves; no clock is asserted here.
     */
    @Test
    void onAFrozenRedis_everyMethodOfAWarmRepository_failsWithStoreUnavailable_andNeverHangs() {
        Duration timeout = Duration.ofSeconds(1);
        RedisTaskRepository warm = redis.openRepository(timeout);
        warm.warmUp();
        Task existing = TestTasks.pendingTask(Instant.now());
        warm.register(existing);
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("find", () -> warm.find(existing.id()));
        calls.put("register", () -> warm.register(TestTasks.pendingTask(Instant.now())));
        calls.put("registerAll", () -> warm.registerAll(List.of(TestTasks.pendingTask(Instant.now()))));
        calls.put("update", () -> warm.update(existing.start(Instant.now())));
        calls.put("delete", () -> warm.delete(existing.id()));
        calls.put("list", () -> warm.list(TaskFilter.all(), PageRequest.first(10)));
        calls.put("stats", warm::stats);

        server.pause();
        try {
            calls.forEach((method, call) -> {
                long start = System.nanoTime();
                Throwable failure = catchFailure(call);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(failure).as(method).isInstanceOf(TaskStoreUnavailable.class);
                assertThat(took).as(method + " took " + took.toMillis() + " ms").isLessThan(NO_HANG);
            });
        } finally {
            server.resume();
        }
    }

    @Test
    void firstCallAfterARestart_succeeds_althoughThePooledConnectionDiedWithTheOldServer() {
        repository.register(TestTasks.pendingTask(Instant.now()));

        server.stop();
        server.startAgain();

        assertRegistersAndFinds(repository);
    }

    @Test
    void redisBusyWithAScript_isReportedAsStoreUnavailable() throws Exception {
        Jedis blocker = redis.openConnection();
        Jedis admin = redis.openConnection();
        admin.configSet("busy-reply-threshold", "50");
        Thread busy = Thread.ofVirtual().start(() -> catchFailure(() -> blocker.eval("while true do end")));
        try {
            Thread.sleep(200);
            assertThat(catchFailure(() -> repository.find(TestTasks.uniqueId())))
                    .isInstanceOf(TaskStoreUnavailable.class);
        } finally {
            admin.scriptKill();
            busy.join(NO_HANG);
            admin.configSet("busy-reply-threshold", "5000");
        }
    }

    @Test
    void callsWaitingForABusyConnectionPool_failWithStoreUnavailable() throws Exception {
        server.pause();
        ExecutorService callers = Executors.newFixedThreadPool(24);
        try {
            List<Future<Throwable>> outcomes = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                outcomes.add(callers.submit(() -> catchFailure(() -> repository.find(TestTasks.uniqueId()))));
            }
            for (Future<Throwable> outcome : outcomes) {
                assertThat(outcome.get(NO_HANG.toMillis(), TimeUnit.MILLISECONDS))
                        .isInstanceOf(TaskStoreUnavailable.class);
            }
        } finally {
            callers.shutdownNow();
            server.resume();
        }
    }

    @Test
    void repositoryCreatedWhileRedisIsDown_startsFine_andWorksOnceRedisIsUp() {
        server.stop();
        RedisTaskRepository early;
        try {
            early = assertTimeoutPreemptively(NO_HANG, () -> redis.openRepository(TIMEOUT));
            assertThatThrownBy(() -> early.find(TestTasks.uniqueId())).isInstanceOf(TaskStoreUnavailable.class);
        } finally {
            server.startAgain();
        }

        assertRegistersAndFinds(early);
    }

    private static void assertRegistersAndFinds(RedisTaskRepository repository) {
        Task task = TestTasks.pendingTask(Instant.now());
        repository.register(task);
        assertThat(repository.find(task.id())).contains(task);
    }

    /** Registers a task, starts the outage and checks every method on it, recovering even after a failed check. */
    private Task assertEveryMethodFailsWithStoreUnavailableDuring(Runnable outage, Runnable recovery) {
        Task existing = TestTasks.pendingTask(Instant.now());
        repository.register(existing);
        outage.run();
        try {
            assertEveryMethodFailsWithStoreUnavailable(existing);
        } finally {
            recovery.run();
        }
        return existing;
    }

    private void assertEveryMethodFailsWithStoreUnavailable(Task existing) {
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("register", () -> repository.register(TestTasks.pendingTask(Instant.now())));
        calls.put("registerAll", () -> repository.registerAll(List.of(TestTasks.pendingTask(Instant.now()))));
        calls.put("find", () -> repository.find(existing.id()));
        calls.put("update", () -> repository.update(existing.start(Instant.now())));
        calls.put("delete", () -> repository.delete(existing.id()));
        calls.put("list", () -> repository.list(TaskFilter.all(), PageRequest.first(10)));
        calls.put("stats", repository::stats);
        calls.forEach((method, call) -> assertTimeoutPreemptively(
                NO_HANG,
                () -> assertThat(catchFailure(call)).as(method).isInstanceOf(TaskStoreUnavailable.class),
                method));
    }

    private static Throwable catchFailure(ThrowingCallable call) {
        try {
            call.call();
            return null;
        } catch (Throwable failure) {
            return failure;
        }
    }
}
