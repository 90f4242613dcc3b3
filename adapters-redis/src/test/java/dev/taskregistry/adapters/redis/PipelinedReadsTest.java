package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads that arrive while a batch is on the wire go out together in the next one, each answered with its own
 * key's value; a key that fails alone fails alone, a batch that cannot be sent fails as an outage, and nobody
 * waits longer than the timeout. The batches are counted where they are sent, not timed.
 */
class PipelinedReadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String prefix = TestRedis.uniquePrefix();
    private final RedisConnection connection =
            RedisConnection.standalone(new RedisStoreSettings(TestRedis.url(), prefix, TIMEOUT));
    private final CountDownLatch firstBatchMayGo = new CountDownLatch(1);
    private final AtomicInteger batches = new AtomicInteger();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private final PipelinedReads reads = new PipelinedReads(this::firstBatchHeldBack, TIMEOUT);

    @AfterEach
    void closeEverything() {
        firstBatchMayGo.countDown();
        reads.close();
        readers.shutdownNow();
        connection.close();
        TestRedis.deleteNamespace(prefix);
    }

    @Test
    void readsWaitingBehindABatch_goOutAsOneBatch_eachAnsweredWithItsOwnValue() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "{" + prefix + "}:read-" + i;
            String value = "value-" + i;
            keys.add(key);
            connection.call("set-up", client -> client.set(key, value));
        }
        Future<String> first = readers.submit(() -> reads.get(keys.getFirst(), "find"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batches.get() == 1);
        List<Future<String>> waiting = new ArrayList<>();
        for (String key : keys.subList(1, keys.size())) {
            waiting.add(readers.submit(() -> reads.get(key, "find")));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reads.waiting() == waiting.size());

        firstBatchMayGo.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value-0");
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("value-" + (i + 1));
        }
        assertThat(batches).hasValue(2);
    }

    @Test
    void aMissingKey_readsAsNull() {
        firstBatchMayGo.countDown();

        assertThat(reads.get("{" + prefix + "}:never-written", "find")).isNull();
    }

    @Test
    void aKeyOfAnotherType_failsAlone_andTheOthersInItsBatchAreAnswered() throws Exception {
        String list = "{" + prefix + "}:a-list";
        String string = "{" + prefix + "}:a-string";
        connection.call(
                "set-up",
                client ->
                        client.rpush(list, "item") + client.set(string, "text").length());
        Future<String> first = readers.submit(() -> reads.get(string, "find"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batches.get() == 1);
        Future<Throwable> wrongType = readers.submit(() -> failureOf(() -> reads.get(list, "find")));
        Future<String> right = readers.submit(() -> reads.get(string, "find"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reads.waiting() == 2);

        firstBatchMayGo.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("text");
        assertThat(right.get(10, TimeUnit.SECONDS)).isEqualTo("text");
        assertThat(wrongType.get(10, TimeUnit.SECONDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WRONGTYPE");
        assertThat(batches).hasValue(2);
    }

    @Test
    void aReadWhoseBatchDoesNotReturn_reportsRedisUnavailable_afterItsTimeout() {
        PipelinedReads stuck = new PipelinedReads(this::neverReturns, Duration.ofMillis(200));
        try {
            assertThatThrownBy(() -> stuck.get("{" + prefix + "}:any", "find"))
                    .isInstanceOf(TaskStoreUnavailable.class)
                    .hasMessageContaining("Redis did not answer 'find' within 200 ms");
        } finally {
            stuck.close();
        }
    }

    @Test
    void aBatchThatFailsAsAnOutage_failsEveryReadInIt_asTheCallFailed() {
        TaskStoreUnavailable outage = new TaskStoreUnavailable("Redis is unreachable", null);
        PipelinedReads failing = new PipelinedReads(
                new PipelinedReads.Calls() {
                    @Override
                    public <T> T call(String operation, Function<UnifiedJedis, T> work) {
                        throw outage;
                    }
                },
                TIMEOUT);
        try {
            assertThatThrownBy(() -> failing.get("{" + prefix + "}:any", "find"))
                    .isSameAs(outage);
        } finally {
            failing.close();
        }
    }

    @Test
    void onRedisCluster_readsAreSentUnbatchedByTheirCallers_afterTheFirstBatch() {
        TestRedisCluster cluster = TestRedisCluster.shared();
        String key = "{" + prefix + "}:on-the-cluster";
        try (RedisConnection clustered = RedisConnection.cluster(TestRepositories.clusterSettings(cluster, prefix))) {
            clustered.call("set-up", client -> client.set(key, "clustered"));
            PipelinedReads onCluster = new PipelinedReads(clustered::call, TIMEOUT);
            try {
                assertThat(onCluster.get(key, "find")).isEqualTo("clustered");
                assertThat(onCluster.batching()).isFalse();
                assertThat(onCluster.get(key, "find")).isEqualTo("clustered");
                assertThat(onCluster.waiting()).isZero();
            } finally {
                onCluster.close();
                clustered.call("clean-up", client -> client.del(key));
            }
        }
    }

    @Test
    void onOneRedisServer_readsStayBatched() {
        firstBatchMayGo.countDown();

        assertThat(reads.get("{" + prefix + "}:never-written", "find")).isNull();
        assertThat(reads.batching()).isTrue();
    }

    @Test
    void afterClose_aRead_isRefused() {
        reads.close();

        assertThatThrownBy(() -> reads.get("{" + prefix + "}:any", "find"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private <T> T firstBatchHeldBack(String operation, Function<UnifiedJedis, T> work) {
        if (batches.incrementAndGet() == 1) {
            try {
                firstBatchMayGo.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return connection.call(operation, work);
    }

    private <T> T neverReturns(String operation, Function<UnifiedJedis, T> work) {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
        throw new TaskStoreUnavailable("closed while stuck", null);
    }

    private static Throwable failureOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException failure) {
            return failure;
        }
    }
}
