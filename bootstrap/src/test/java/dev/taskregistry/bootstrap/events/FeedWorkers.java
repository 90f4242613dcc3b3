package dev.taskregistry.bootstrap.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.workers.WorkerProcesses;
import dev.taskregistry.redis.testing.RedisServerOptions;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Worker processes of the packaged jar ({@code store=redis}) on a {@code redis-server} of the test's own, never the
 * machine's shared one, so that a test may stop it; with the feed's heartbeat at 1 s, so that departed clients are
 * noticed soon. Closing stops the workers, then the server.
 */
final class FeedWorkers implements AutoCloseable {

    /** How long any one step may take on a busy 2-core machine: generous, only a bound against hanging. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A worker's gauge of the feed subscribers it admitted: open event streams and waiting long-polls. */
    static final String SUBSCRIBERS = "taskregistry_feed_subscribers";
    /** A worker's gauge of the change-feed subscriptions open in it. */
    static final String SUBSCRIPTIONS = "taskregistry_feed_subscriptions";

    private final RedisServerProcess redis;
    private final WorkerProcesses workers;

    private FeedWorkers(RedisServerProcess redis, WorkerProcesses workers) {
        this.redis = redis;
        this.workers = workers;
    }

    static FeedWorkers start(String name, int count, RedisServerOptions redisOptions) {
        RedisServerProcess redis = RedisServerProcess.start(redisOptions);
        try {
            return new FeedWorkers(
                    redis,
                    WorkerProcesses.start(
                            name,
                            count,
                            Map.of(
                                    "TASKREGISTRY_STORE",
                                    "redis",
                                    "TASKREGISTRY_REDIS_URL",
                                    redis.url(),
                                    "TASKREGISTRY_REDIS_KEY_PREFIX",
                                    TestRedis.uniquePrefix(),
                                    "TASKREGISTRY_FEED_HEARTBEAT",
                                    "PT1S")));
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    RedisServerProcess redis() {
        return redis;
    }

    /** Worker {@code index}, counted from 0. */
    ApiClient worker(int index) {
        return workers.worker(index);
    }

    /** The address of {@code path} on worker {@code index}. */
    URI uri(int index, String path) {
        return workers.uri(index, path);
    }

    /** Any GET of {@code path} on worker {@code index} as a stream, whatever it answers. */
    SseStream open(int index, String path, String... headers) {
        return SseStream.open(workers.uri(index, path), headers);
    }

    /**
     * An event stream of worker {@code index} that has begun: answered 200 {@code text/event-stream}, its first line
     * {@code : subscribed} read, so every change made from now on is delivered.
     */
    SseStream subscribe(int index, String path, String... headers) {
        SseStream stream = open(index, path, headers);
        try {
            assertThat(stream.isEventStream())
                    .as("GET %s answered %d %s", path, stream.status(), stream.header("Content-Type"))
                    .isTrue();
            SseEvent first = stream.next(PATIENCE);
            assertThat(first.isComment("subscribed"))
                    .as("first line of %s: %s", path, first)
                    .isTrue();
            return stream;
        } catch (RuntimeException | AssertionError e) {
            stream.close();
            throw e;
        }
    }

    /**
     * The value of a metric on worker {@code index}, from its {@code /metrics} Prometheus text: the sum over its
     * series, whatever their tags (Helidon adds {@code mp_scope}).
     */
    double metric(int index, String name) {
        ApiResponse metrics = workers.worker(index).get("/metrics");
        assertThat(metrics.status()).as("GET /metrics").isEqualTo(200);
        double sum = 0;
        boolean found = false;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        assertThat(found).as("%s among the metrics of worker %d", name, index).isTrue();
        return sum;
    }

    /** Waits until every worker is ready again (its store reachable). */
    void awaitReady() {
        for (int i = 0; i < workers.size(); i++) {
            ApiClient worker = workers.worker(i);
            Awaitility.await()
                    .atMost(PATIENCE)
                    .ignoreExceptions()
                    .until(() -> worker.get("/health/ready").status() == 200);
        }
    }

    /**
     * The events of {@code stream}, comments skipped, up to and including the first one about task {@code lastId}:
     * once a change made after all others arrives, every earlier change has arrived too, and nothing more is due.
     */
    static List<SseEvent> readThrough(SseStream stream, String lastId) {
        List<SseEvent> events = new ArrayList<>();
        while (true) {
            SseEvent event = stream.nextEvent(PATIENCE);
            events.add(event);
            if (event.json().path("task_id").asText().equals(lastId)) {
                return events;
            }
        }
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
