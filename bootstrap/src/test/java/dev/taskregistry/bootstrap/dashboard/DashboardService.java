package dev.taskregistry.bootstrap.dashboard;

import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.workers.WorkerProcesses;
import dev.taskregistry.redis.testing.RedisServerOptions;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The service the dashboard is tested against: worker processes of the packaged jar on a {@code redis-server} of the
 * test's own (so that a test may pause it), with the feed's heartbeat at 1 s. Closing stops the workers, then Redis.
 */
final class DashboardService implements AutoCloseable {

    private final RedisServerProcess redis;
    private final WorkerProcesses workers;

    private DashboardService(RedisServerProcess redis, WorkerProcesses workers) {
        this.redis = redis;
        this.workers = workers;
    }

    /** {@code count} workers, with {@code extraEnvironment} (such as the API token) on top of the Redis settings. */
    static DashboardService start(String name, int count, Map<String, String> extraEnvironment) {
        RedisServerProcess redis = RedisServerProcess.start(RedisServerOptions.inMemory());
        try {
            Map<String, String> environment = new HashMap<>(extraEnvironment);
            environment.put("TASKREGISTRY_STORE", "redis");
            environment.put("TASKREGISTRY_REDIS_URL", redis.url());
            environment.put("TASKREGISTRY_REDIS_KEY_PREFIX", TestRedis.uniquePrefix());
            environment.put("TASKREGISTRY_FEED_HEARTBEAT", "PT1S");
            return new DashboardService(redis, WorkerProcesses.start(name, count, environment));
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** Waits until every worker is ready again (its store reachable), after an outage. */
    void awaitReady() {
        for (int i = 0; i < workers.size(); i++) {
            ApiClient worker = workers.worker(i);
            Awaitility.await()
                    .atMost(Browser.PATIENCE)
                    .ignoreExceptions()
                    .until(() -> worker.get("/health/ready").status() == 200);
        }
    }

    RedisServerProcess redis() {
        return redis;
    }

    /** Worker {@code index}'s API, counted from 0. */
    ApiClient worker(int index) {
        return workers.worker(index);
    }

    /** The dashboard as worker {@code index} serves it, with {@code query} (may be empty) after the {@code ?}. */
    URI dashboard(int index, String query) {
        return workers.uri(index, "/dashboard/" + (query.isEmpty() ? "" : "?" + query));
    }

    @Override
    public void close() {
        try {
            workers.close();
        } finally {
            redis.close();
        }
    }
}
