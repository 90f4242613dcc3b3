package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * A write whose reply was lost (the connection dropped, the master failed over) is sent again, by the failover
 * connection or by Jedis' Cluster client itself. Here every write reaches Redis twice with the same arguments,
 * the first reply discarded, as such a repeat does: it is answered as the first sending was. Two different
 * calls that happen to write the same document are still two writers, and the second conflicts.
 */
class RedisRepeatedWriteTest {

    @RegisterExtension
    final SharedRedisNamespace namespace = new SharedRedisNamespace();

    @Test
    void aRegistrationSentAgain_isAnsweredAsRegistered_andStoredOnce() {
        Task task = TestTasks.pendingTask(Instant.now());
        try (RedisTaskRepository repeating = repeatingEveryWrite()) {
            repeating.register(task);

            assertThat(repeating.find(task.id())).contains(task);
            assertThat(repeating.stats().total()).isEqualTo(1);
            assertThat(repeating.list(TaskFilter.all(), PageRequest.first(10)).items())
                    .containsExactly(task);
        }
    }

    @Test
    void aRegistrationAndAnUpdateSentAgain_appendOneEventEach() {
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        try (RedisTaskRepository repeating = repeatingEveryWrite()) {
            repeating.register(task);
            repeating.update(task.start(now));

            assertThat(namespace.openPlainClient().xrange(namespace.key("events"), "-", "+"))
                    .extracting(entry -> entry.getFields().get("kind") + " v"
                            + entry.getFields().get("version"))
                    .containsExactly("registered v1", "updated v2");
        }
    }

    @Test
    void anUpdateSentAgain_isAnsweredAsStored_andStoredOnce() {
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        Task started = task.start(now);
        try (RedisTaskRepository repeating = repeatingEveryWrite()) {
            repeating.register(task);
            repeating.update(started);

            assertThat(repeating.find(task.id())).contains(started);
            assertThat(repeating.stats().byStatus()).isEqualTo(Map.of(TaskStatus.RUNNING, 1L));
        }
    }

    @Test
    void twoRegistrationsOfTheSameDocument_areTwoCalls_andTheSecondFindsTheIdLive() {
        Task task = TestTasks.pendingTask(Instant.now());
        RedisTaskRepository repository = namespace.openRepository();
        repository.register(task);

        assertThatThrownBy(() -> repository.register(task)).isInstanceOf(TaskAlreadyExists.class);
    }

    @Test
    void twoWritersOfTheSameNextVersion_conflict_evenWhenTheirDocumentsAreEqual() {
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        RedisTaskRepository repository = namespace.openRepository();
        repository.register(task);
        // Each writer read version 1 and computed the same version 2, to the millisecond.
        Task firstWriters = task.start(now);
        Task secondWriters = task.start(now);
        assertThat(secondWriters).isEqualTo(firstWriters);

        repository.update(firstWriters);

        assertThatThrownBy(() -> repository.update(secondWriters)).isInstanceOf(ConcurrentTaskUpdate.class);
        assertThat(repository.find(task.id())).contains(firstWriters);
    }

    private RedisTaskRepository repeatingEveryWrite() {
        RedisConnection standalone = RedisConnection.standalone(
                new RedisStoreSettings(TestRedis.url(), namespace.prefix(), TestRepositories.TIMEOUT));
        return new RedisTaskRepository(new ReplyLosingConnection(standalone), namespace.prefix());
    }

    /** Runs every write twice, as a resend after a lost reply does, and answers the second reply. */
    private record ReplyLosingConnection(RedisConnection delegate) implements RedisConnection {

        @Override
        public <T> T call(String operation, Function<UnifiedJedis, T> work) {
            if (operation.equals("register") || operation.equals("update")) {
                delegate.call(operation, work);
            }
            return delegate.call(operation, work);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
