package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.testing.TestTasks;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/** What the adapter writes to Redis, read with a plain client, and what it reads that others wrote. */
class RedisStoredDocumentTest {

    private static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @RegisterExtension
    final SharedRedisNamespace namespace = new SharedRedisNamespace();

    private final RedisTaskRepository repository = namespace.openRepository();
    private final RedisClient redis = namespace.openPlainClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void storedDocument_isSnakeCaseJson_withLowercaseStatus_utcInstants_anEmbeddedResult_andItsVersion()
            throws Exception {
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        Task started = task.start(now);
        Task completed =
                started.complete(TaskResult.ofJson("{\"score\":0.93,\"tags\":[\"a\"]}"), now, TestTasks.RETENTION);
        repository.register(task);
        repository.update(started);
        repository.update(completed);

        JsonNode doc = json.readTree(redis.get(namespace.key("task:" + task.id())));

        assertThat(doc.get("id").asText()).isEqualTo(task.id().value());
        assertThat(doc.get("type").asText()).isEqualTo("equity_analysis");
        assertThat(doc.get("status").asText()).isEqualTo("completed");
        assertThat(doc.get("resource_url").asText()).isEqualTo(task.resourceUrl());
        assertThat(doc.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(doc.get("completed_steps").asInt()).isEqualTo(10);
        assertThat(doc.get("total_steps").asInt()).isEqualTo(10);
        for (String field : new String[] {"created_at", "updated_at", "started_at", "completed_at", "expires_at"}) {
            assertThat(doc.get(field).asText()).as(field).matches(INSTANT);
        }
        assertThat(Instant.parse(doc.get("created_at").asText())).isEqualTo(now.truncatedTo(ChronoUnit.MILLIS));
        assertThat(Instant.parse(doc.get("expires_at").asText())).isEqualTo(completed.expiresAt());
        assertThat(doc.get("result").isObject()).isTrue();
        assertThat(doc.get("result").get("score").decimalValue()).isEqualByComparingTo(new BigDecimal("0.93"));
        assertThat(doc.get("error").isNull()).isTrue();
        assertThat(doc.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void indexes_holdTheIdScoredByItsExpiry_underItsStatusAndItsType() {
        Task task = TestTasks.pendingTask(Instant.now());
        Task started = task.start(Instant.now());
        repository.register(task);
        repository.update(started);

        double expiry = task.expiresAt().toEpochMilli();
        String id = task.id().value();
        assertThat(redis.zscore(namespace.key("idx:all"), id)).isEqualTo(expiry);
        assertThat(redis.zscore(namespace.key("idx:status:running"), id)).isEqualTo(expiry);
        assertThat(redis.zscore(namespace.key("idx:status:pending"), id)).isNull();
        assertThat(redis.zscore(namespace.key("idx:type:equity_analysis"), id)).isEqualTo(expiry);
        assertThat(redis.smembers(namespace.key("types"))).containsExactly("equity_analysis");
    }

    @Test
    void documentOfTheOriginalService_isFound_asVersionOne_expiringWithItsKey() {
        TaskId id = TaskId.of("legacy-" + UUID.randomUUID());
        long before = System.currentTimeMillis();
        redis.set(
                namespace.key("task:" + id),
                legacyDocument(id),
                SetParams.setParams().px(60_000));
        long after = System.currentTimeMillis();

        Task task = repository.find(id).orElseThrow();

        assertThat(task.version()).isEqualTo(1);
        assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.completedSteps()).isZero();
        assertThat(task.progress()).isEqualTo(0.25);
        assertThat(task.expiresAt().toEpochMilli()).isBetween(before + 59_000, after + 60_000);
    }

    @Test
    void documentOfTheOriginalService_canBeUpdated_andIsListedAndCountedFromThen() {
        TaskId id = TaskId.of("legacy-" + UUID.randomUUID());
        redis.set(
                namespace.key("task:" + id),
                legacyDocument(id),
                SetParams.setParams().px(60_000));
        Task legacy = repository.find(id).orElseThrow();

        Task completed = legacy.complete(TaskResult.ofJson("[1,2]"), Instant.now(), Duration.ofSeconds(1));
        repository.update(completed);

        assertThat(repository.find(id)).contains(completed);
        assertThat(repository
                        .list(TaskFilter.of(TaskStatus.COMPLETED, null), PageRequest.first(10))
                        .items())
                .containsExactly(completed);
        assertThat(repository.stats().total()).isEqualTo(1);
        assertThat(redis.pexpireTime(namespace.key("task:" + id)))
                .isEqualTo(legacy.expiresAt().toEpochMilli());
    }

    @Test
    void taskWhoseKeyWasRemovedBehindTheRegistrysBack_isDroppedFromTheIndexesByTheNextListing() {
        Task kept = TestTasks.pendingTask(Instant.now());
        Task removed = TestTasks.pendingTask(Instant.now());
        repository.register(kept);
        repository.register(removed);
        redis.del(namespace.key("task:" + removed.id()));

        assertThat(repository
                        .list(TaskFilter.of(null, TestTasks.DEFAULT_TYPE), PageRequest.first(10))
                        .items())
                .containsExactly(kept);

        for (String index : new String[] {"all", "status:pending", "type:equity_analysis"}) {
            assertThat(redis.zscore(namespace.key("idx:" + index), removed.id().value()))
                    .as(index)
                    .isNull();
            assertThat(redis.zscore(namespace.key("idx:" + index), kept.id().value()))
                    .as(index)
                    .isNotNull();
        }
    }

    @Test
    void documentWithoutAnyExpiry_isAStorageFault_notAnEmptyAnswer() {
        TaskId id = TaskId.of("legacy-" + UUID.randomUUID());
        redis.set(namespace.key("task:" + id), legacyDocument(id));

        assertThatThrownBy(() -> repository.find(id))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no expiry");
    }

    @Test
    void errorReplyThatIsNoOutage_isAnIllegalState_neverAnEmptyAnswer() {
        redis.set(namespace.key("idx:all"), "not a sorted set");

        assertThatThrownBy(() -> repository.list(TaskFilter.all(), PageRequest.first(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WRONGTYPE");
    }

    /** As the original Python service wrote it: 15 fields, naive local timestamps, no version or expires_at. */
    private static String legacyDocument(TaskId id) {
        String created = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString();
        return """
                {"id": "%s", "type": "equity_analysis", "status": "running", "resource_url": "mcp://task/%s",
                 "estimated_completion": null, "progress": 0.25, "created_at": "%s", "updated_at": "%s",
                 "query": "analyse ACME", "completed_steps": null, "total_steps": null, "started_at": "%s",
                 "completed_at": null, "result": null, "error": null}
                """.formatted(id, id, created, created, created);
    }
}
