package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Where a sharded registry keeps its keys (DESIGN.md §9, the README's "Sharding"): the documented hash places each
 * task, the shard count is recorded, and a worker with another count is refused, naming the setting and the key.
 */
class RedisShardLayoutTest {

    private static final int SHARDS = 16;

    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    @Test
    void eachTask_livesWithItsIndexEntries_inTheShardThatTheDocumentedHashOfItsIdNames() {
        String prefix = TestRedis.uniquePrefix();
        RedisTaskRepository repository = open(prefix, SHARDS);
        Jedis admin = redis.openConnection();
        Set<Long> shardsUsed = new HashSet<>();

        for (int i = 0; i < 64; i++) {
            Task task = TestTasks.pendingTask(Instant.now());
            repository.register(task);
            long shard = documentedShardOf(task.id(), SHARDS);
            shardsUsed.add(shard);
            String tag = "{" + prefix + ":" + shard + "}";

            assertThat(admin.exists(tag + ":task:" + task.id())).isTrue();
            assertThat(admin.zscore(tag + ":idx:all", task.id().value())).isNotNull();
            assertThat(admin.zscore(tag + ":idx:status:pending", task.id().value()))
                    .isNotNull();
            assertThat(admin.exists("{" + prefix + "}:task:" + task.id())).isFalse();
        }
        assertThat(shardsUsed).as("shards holding 64 tasks").hasSizeGreaterThan(8);
    }

    @Test
    void theDocumentedHash_isCrc32OfTheUtf8Id_moduloTheShardCount() {
        assertThat(new ShardLayout("p", 16).shardOf(TaskId.of("abc"))).isEqualTo(891568578 % 16);
        assertThat(new ShardLayout("p", 12).keysOf(TaskId.of("abc")).all())
                .isEqualTo("{p:" + 891568578 % 12 + "}:idx:all");
        assertThat(new ShardLayout("p", 1).keysOf(TaskId.of("abc")).all()).isEqualTo("{p}:idx:all");
    }

    @Test
    void theFirstWorker_recordsTheShardCount_andLaterOnesWithTheSameCountStart() {
        String prefix = TestRedis.uniquePrefix();
        open(prefix, SHARDS).warmUp();
        open(prefix, SHARDS).warmUp();

        assertThat(redis.openConnection().get("{" + prefix + "}:shards")).isEqualTo("16");
    }

    @Test
    void aStartWithAnotherShardCount_isRefused_namingTheSettingAndTheKey() {
        String prefix = TestRedis.uniquePrefix();
        open(prefix, SHARDS).warmUp();

        for (int other : new int[] {1, 4, 17}) {
            assertThatThrownBy(() -> open(prefix, other).warmUp())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'taskregistry.redis.shards' is " + other)
                    .hasMessageContaining("records 16 shards")
                    .hasMessageContaining("{" + prefix + "}:shards")
                    .hasMessageContaining("migrate-shards");
        }
    }

    @Test
    void aWorkerThatCouldNotCheckAtStart_answersEveryCallAsUnavailable_withTheReason() {
        String prefix = TestRedis.uniquePrefix();
        open(prefix, SHARDS).warmUp();
        RedisTaskRepository other = open(prefix, 4);

        assertThatThrownBy(() -> other.find(TestTasks.uniqueId()))
                .isInstanceOf(TaskStoreUnavailable.class)
                .hasMessageContaining("'taskregistry.redis.shards' is 4");
        assertThatThrownBy(() -> other.register(TestTasks.pendingTask(Instant.now())))
                .isInstanceOf(TaskStoreUnavailable.class);
        assertThatThrownBy(() -> other.list(TaskFilter.all(), PageRequest.first(10)))
                .isInstanceOf(TaskStoreUnavailable.class);
    }

    @Test
    void aRegistryFromBeforeShards_opensWithOneShard_recordingIt_butNotWithMore() {
        String prefix = TestRedis.uniquePrefix();
        Task stored = TestTasks.pendingTask(Instant.now());
        open(prefix, 1).register(stored);
        Jedis admin = redis.openConnection();
        // A registry written before shards existed records no count.
        admin.del("{" + prefix + "}:shards");

        assertThatThrownBy(() -> open(prefix, SHARDS).warmUp())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unsharded layout");
        RedisTaskRepository unsharded = open(prefix, 1);
        unsharded.warmUp();
        assertThat(unsharded.find(stored.id())).contains(stored);
        assertThat(admin.get("{" + prefix + "}:shards")).isEqualTo("1");
    }

    @Test
    void aShardCountOutsideOneTo1024_isRefused_namingTheSetting() {
        RedisStoreSettings settings = new RedisStoreSettings(TestRedis.url(), "p", TestRepositories.TIMEOUT);
        for (int count : List.of(0, -1, 1025)) {
            assertThatThrownBy(() -> settings.withShards(count))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'taskregistry.redis.shards' must be between 1 and 1024, was " + count);
        }
    }

    private static RedisTaskRepository open(String prefix, int shards) {
        return redis.openRepository(
                new RedisStoreSettings(redis.server().url(), prefix, TestRepositories.TIMEOUT).withShards(shards));
    }

    private static long documentedShardOf(TaskId id, int shards) {
        CRC32 crc = new CRC32();
        crc.update(id.value().getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % shards;
    }
}
