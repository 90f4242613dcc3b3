package dev.taskregistry.bootstrap.events;

import static dev.taskregistry.bootstrap.events.FeedWorkers.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.redis.testing.RedisServerOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The change feed through real processes: 4 workers of the packaged jar on one Redis. A subscriber on one worker
 * sees the changes made on the others, exactly once and in order, also across a disconnect and a resume on another
 * worker; a long-poll on one worker answers when another one completes the task. Workers are counted from 0: "worker
 * 2" of the issue is {@code worker(1)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedAcrossWorkersIT {

    private static final int WRITERS = 3;
    private static final int[] WRITING_WORKERS = {0, 2, 3};
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedWorkers feed;
    private ExecutorService writers;

    @BeforeAll
    void start() {
        feed = FeedWorkers.start("feed", 4, RedisServerOptions.inMemory());
        writers = Executors.newFixedThreadPool(WRITERS);
    }

    /** Every stream a test opened is closed by then: each worker releases its subscriber and subscription. */
    @AfterEach
    void everyWorkerReleasesTheSubscribersThatWent() {
        for (int worker = 0; worker < 4; worker++) {
            int index = worker;
            Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(feed.metric(index, FeedWorkers.SUBSCRIBERS))
                        .as("subscribers of worker %d", index)
                        .isZero();
                assertThat(feed.metric(index, FeedWorkers.SUBSCRIPTIONS))
                        .as("subscriptions of worker %d", index)
                        .isZero();
            });
        }
    }

    @AfterAll
    void stop() {
        if (writers != null) {
            writers.shutdownNow();
        }
        if (feed != null) {
            feed.close();
        }
    }

    @Test
    void aSubscriberOnOneWorker_seesEveryChangeMadeOnTheOthers_exactlyOnceAndInOrder() throws Exception {
        String type = uniqueType("across");
        ChangeLedger ledger = new ChangeLedger();
        String shared = type + "-shared";
        try (SseStream stream = feed.subscribe(1, "/events?type=" + type)) {
            List<ChangeWriter> writing = writers(ledger, type, 8);
            writing.getFirst().register(shared, type, 1000);
            // Another type's changes, made meanwhile, must not reach the filtered stream.
            ChangeWriter unseen = new ChangeWriter(feed.worker(2), new ChangeLedger(), uniqueType("unseen"), 3);

            List<Future<?>> done = new ArrayList<>();
            for (ChangeWriter writer : writing) {
                done.add(writers.submit(() -> {
                    writer.write(0, writer.steps());
                    writer.increment(shared, 10);
                }));
            }
            unseen.write(0, unseen.steps());
            awaitAll(done);
            String last = lastChange(writing.getFirst(), type);

            ledger.assertReceivedExactlyOnce(FeedWorkers.readThrough(stream, last));
        }
    }

    @Test
    void aSubscriberThatDisconnectsAndResumesOnAnotherWorker_withLastEventId_missesNothingAndSeesNothingTwice()
            throws Exception {
        String type = uniqueType("resume");
        ChangeLedger ledger = new ChangeLedger();
        List<ChangeWriter> writing = writers(ledger, type, 6);
        CountDownLatch disconnected = new CountDownLatch(1);
        CountDownLatch whileAway = new CountDownLatch(WRITERS);
        CountDownLatch resumed = new CountDownLatch(1);
        List<SseEvent> received = new ArrayList<>();

        SseStream first = feed.subscribe(1, "/events?type=" + type);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (ChangeWriter writer : writing) {
                int third = writer.steps() / 3;
                done.add(writers.submit(() -> {
                    writer.write(0, third);
                    await(disconnected);
                    writer.write(third, 2 * third);
                    whileAway.countDown();
                    await(resumed);
                    writer.write(2 * third, writer.steps());
                    return null;
                }));
            }
            // The writers' first thirds (3 x 14 changes) outnumber what the subscriber takes before it goes.
            for (int i = 0; i < 15; i++) {
                received.add(first.nextEvent(PATIENCE));
            }
        } finally {
            first.close();
            disconnected.countDown();
        }
        assertThat(whileAway.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        String lastSeen = received.getLast().id();
        try (SseStream second = feed.subscribe(3, "/events?type=" + type, "Last-Event-ID", lastSeen)) {
            resumed.countDown();
            awaitAll(done);
            String last = lastChange(writing.getFirst(), type);
            received.addAll(FeedWorkers.readThrough(second, last));
        } finally {
            resumed.countDown();
        }

        ledger.assertReceivedExactlyOnce(received);
    }

    @Test
    void aLongPollOnOneWorker_answersWithTheCompletedTask_whenAnotherWorkerCompletesIt() throws Exception {
        String id = uniqueType("poll");
        assertThat(feed.worker(0)
                        .post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"poll\"}")
                        .status())
                .isEqualTo(201);
        assertThat(feed.worker(0).post("/tasks/" + id + "/start", null).status())
                .isEqualTo(200);

        double waitingBefore = feed.metric(2, FeedWorkers.SUBSCRIBERS);
        CompletableFuture<HttpResponse<String>> poll = longPoll(2, "/tasks/" + id + "?wait=30&after_version=2");
        // The completion comes while the poll waits: worker(2) counts it among its feed subscribers.
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> poll.isDone() || feed.metric(2, FeedWorkers.SUBSCRIBERS) > waitingBefore);
        assertThat(poll).as("the poll answered before any change").isNotDone();
        assertThat(feed.worker(0)
                        .post("/tasks/" + id + "/complete", "{\"result\":{\"rows\":7}}")
                        .status())
                .isEqualTo(200);

        HttpResponse<String> answer = poll.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode task = JSON.readTree(answer.body());
        assertThat(task.get("id").asText()).isEqualTo(id);
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("version").asLong()).isEqualTo(3);
        assertThat(task.get("result").get("rows").asInt()).isEqualTo(7);
        assertThat(answer.headers().firstValue("ETag")).hasValue("\"3\"");
    }

    private List<ChangeWriter> writers(ChangeLedger ledger, String type, int tasksEach) {
        List<ChangeWriter> writing = new ArrayList<>();
        for (int worker : WRITING_WORKERS) {
            writing.add(new ChangeWriter(feed.worker(worker), ledger, type, tasksEach));
        }
        return writing;
    }

    /** Registers a task after every other change; answers its id. Its event is the last one due. */
    private static String lastChange(ChangeWriter writer, String type) {
        String id = type + "-last";
        writer.register(id, type, 1);
        return id;
    }

    /** A GET that may wait 30 s: bounded by the wait plus a generous margin, not by ApiClient's 30 s. */
    private CompletableFuture<HttpResponse<String>> longPoll(int worker, String path) {
        HttpRequest request = HttpRequest.newBuilder(feed.uri(worker, path))
                .timeout(Duration.ofSeconds(30).plus(PATIENCE))
                .GET()
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String uniqueType(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void awaitAll(List<Future<?>> done) throws Exception {
        for (Future<?> writer : done) {
            writer.get(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the test did not move on within " + PATIENCE);
        }
    }
}
