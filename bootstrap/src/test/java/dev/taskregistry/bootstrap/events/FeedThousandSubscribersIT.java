package dev.taskregistry.bootstrap.events;

import static dev.taskregistry.bootstrap.events.FeedWorkers.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.redis.testing.RedisServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One worker of the packaged jar ({@code -Xmx256m}) serves 1,000 event streams at once: each begins, each receives
 * a change made after they all began, and when the clients go the worker releases every subscription (its gauge of
 * subscribers and of feed subscriptions return to where they were).
 */
class FeedThousandSubscribersIT {

    private static final int SUBSCRIBERS = 1000;
    /** Streams being opened at once: enough to be quick, few enough not to overflow the server's accept queue. */
    private static final int OPENING_AT_ONCE = 32;

    private static final double MIB = 1024 * 1024;

    @Test
    void aThousandStreamsOnOneWorker_allBegin_allReceiveALaterChange_andAreAllReleasedWhenTheyGo() throws Exception {
        String type = "crowd-" + UUID.randomUUID().toString().substring(0, 8);
        try (FeedWorkers feed = FeedWorkers.start("feed-crowd", 1, RedisServerOptions.inMemory())) {
            double subscribersBefore = feed.metric(0, FeedWorkers.SUBSCRIBERS);
            double subscriptionsBefore = feed.metric(0, FeedWorkers.SUBSCRIPTIONS);
            List<SseStream> streams = subscribeAll(feed, "/events?type=" + type);
            try {
                assertThat(streams).hasSize(SUBSCRIBERS);
                assertThat(feed.metric(0, FeedWorkers.SUBSCRIBERS)).isEqualTo(subscribersBefore + SUBSCRIBERS);
                assertThat(feed.metric(0, FeedWorkers.SUBSCRIPTIONS)).isEqualTo(subscriptionsBefore + SUBSCRIBERS);
                System.out.printf(
                        "%d streams open on one worker (-Xmx256m): heap used %.0f MiB, committed %.0f MiB, %.0f platform threads%n",
                        SUBSCRIBERS,
                        feed.metric(0, "memory_usedHeap_bytes") / MIB,
                        feed.metric(0, "memory_committedHeap_bytes") / MIB,
                        feed.metric(0, "thread_count"));

                String id = type + "-news";
                assertThat(feed.worker(0)
                                .post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\"}")
                                .status())
                        .isEqualTo(201);

                for (SseStream stream : streams) {
                    SseEvent event = stream.nextEvent(PATIENCE);
                    assertThat(event.is("registered")).as("%s", event).isTrue();
                    assertThat(event.json().get("task_id").asText()).isEqualTo(id);
                }
            } finally {
                streams.forEach(SseStream::close);
            }

            // A departed client is noticed at the next write to it: the heartbeat, at most a second later.
            Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(feed.metric(0, FeedWorkers.SUBSCRIBERS)).isEqualTo(subscribersBefore);
                assertThat(feed.metric(0, FeedWorkers.SUBSCRIPTIONS)).isEqualTo(subscriptionsBefore);
            });
            try (SseStream another = feed.subscribe(0, "/events?type=" + type)) {
                assertThat(feed.metric(0, FeedWorkers.SUBSCRIBERS))
                        .as("%s", another)
                        .isEqualTo(subscribersBefore + 1);
            }
        }
    }

    /** Opens the streams a few at a time on virtual threads; each has read its {@code : subscribed}. */
    private static List<SseStream> subscribeAll(FeedWorkers feed, String path) throws Exception {
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        List<Future<SseStream>> opened = new ArrayList<>();
        List<SseStream> streams = new ArrayList<>();
        try (ExecutorService subscribers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                opened.add(subscribers.submit(() -> {
                    opening.acquire();
                    try {
                        return feed.subscribe(0, path);
                    } finally {
                        opening.release();
                    }
                }));
            }
            Throwable failure = null;
            for (Future<SseStream> stream : opened) {
                try {
                    streams.add(stream.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                streams.forEach(SseStream::close);
                throw new AssertionError(
                        "only " + streams.size() + " of " + SUBSCRIBERS + " streams began; the first failure:",
                        failure);
            }
        }
        return streams;
    }
}
