package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * scripts/migrate-shards.sh's Java command on a real Redis, configured as the service is: it moves the registry and
 * says how to start the workers; it refuses a count the registry does not record, wrong arguments and an
 * unreachable Redis with a message and a non-zero exit status.
 */
class ShardMigrationCommandTest {

    private final String prefix = TestRedis.uniquePrefix();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void deleteThisTestsKeys() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
        TestRedis.deleteShardedNamespace(prefix, List.of(TestRedis.url()));
    }

    @Test
    void movesTheConfiguredRegistry_printingWhatItDidAndHowToStartTheWorkers() {
        List<Task> tasks = registerOnOneShard(30);

        int status = run(TestRedis.url(), "--to", "4");

        assertThat(status).as(err()).isEqualTo(ShardMigrationCommand.DONE);
        assertThat(out())
                .contains("Moving the registry '" + prefix + "' on " + TestRedis.url() + " from 1 to 4 shards."
                        + " Every worker must be stopped until it is done.")
                .contains("Old shard 1 of 1 done: 30 moved, 0 kept in place, 0 skipped as expired, 0 moved by an"
                        + " earlier run")
                .contains("'{" + prefix + "}:shards' records 4: start every worker with taskregistry.redis.shards=4"
                        + " (TASKREGISTRY_REDIS_SHARDS=4).");
        RedisTaskRepository moved = repository(4);
        tasks.forEach(task -> assertThat(moved.find(task.id())).contains(task));
        assertThat(moved.stats().total()).isEqualTo(30);
    }

    @Test
    void fromTheDefaultCountOfOne_whenTheRegistryRecordsAnother_refusesNamingIt_withStatus1() {
        registerOnOneShard(3);
        assertThat(run(TestRedis.url(), "--to", "4")).isEqualTo(ShardMigrationCommand.DONE);

        int status = run(TestRedis.url(), "--to", "8");

        assertThat(status).isEqualTo(ShardMigrationCommand.REFUSED);
        assertThat(err())
                .contains("migrate-shards: refused: the registry '" + prefix + "' records 4 shards in '{" + prefix
                        + "}:shards', not 1: migrate from 4");
        assertThat(run(TestRedis.url(), "--from=4", "--to=8")).as(err()).isEqualTo(ShardMigrationCommand.DONE);
        assertThat(repository(8).stats().total()).isEqualTo(3);
    }

    @Test
    void wrongArguments_areRefusedNamingTheArgument_withStatus2_beforeRedisIsAsked() {
        String unreachable = "redis://127.0.0.1:1";
        assertThat(run(unreachable)).isEqualTo(ShardMigrationCommand.WRONG_USE);
        assertThat(err()).contains("migrate-shards: --to is required: the new shard count, 1 to 1024", "usage:");
        assertWrongUse("--to must be a whole number of shards, was 'many'", "--to", "many");
        assertWrongUse("--from needs a shard count, e.g. --from 16", "--to", "4", "--from");
        assertWrongUse("unknown argument '--shards'", "--to", "4", "--shards", "4");
        assertWrongUse("the new shard count must be between 1 and 1024, was 0", "--to", "0");
        assertWrongUse("the new shard count is the current one, 1: there is nothing to migrate", "--to", "1");
    }

    @Test
    void help_printsTheUsage() {
        assertThat(run("redis://127.0.0.1:1", "--help")).isEqualTo(ShardMigrationCommand.DONE);
        assertThat(out()).startsWith("usage: scripts/migrate-shards.sh --to <shards> [--from <shards>]");
    }

    @Test
    void aBadConfigurationValue_isRefusedNamingTheKey_withStatus2() {
        assertThat(run("http://127.0.0.1:6379", "--to", "4")).isEqualTo(ShardMigrationCommand.WRONG_USE);
        assertThat(err()).contains("'taskregistry.redis.url' must start with redis:// or rediss://");
    }

    @Test
    void anUnreachableRedis_stopsTheCommandSayingToRunItAgain_withStatus1() {
        int status = run("redis://127.0.0.1:1", "--to", "4");

        assertThat(status).isEqualTo(ShardMigrationCommand.REFUSED);
        assertThat(err())
                .contains("migrate-shards: stopped, Redis did not answer: ")
                .contains("nothing is lost: run the same command again once it answers");
    }

    private void assertWrongUse(String message, String... args) {
        err.reset();
        assertThat(run("redis://127.0.0.1:1", args)).isEqualTo(ShardMigrationCommand.WRONG_USE);
        assertThat(err()).contains("migrate-shards: " + message);
    }

    private int run(String redisUrl, String... args) {
        out.reset();
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        values.put(Setting.REDIS_URL, redisUrl);
        values.put(Setting.REDIS_KEY_PREFIX, prefix);
        values.put(Setting.REDIS_TIMEOUT, "PT0.5S");
        ShardMigrationCommand command = new ShardMigrationCommand(print(out), print(err));
        return command.run(args, () -> new RegistryConfig(setting -> Optional.ofNullable(values.get(setting))));
    }

    private List<Task> registerOnOneShard(int count) {
        List<Task> tasks = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            tasks.add(TestTasks.pendingTask(
                    now, TestTasks.DEFAULT_TYPE, Duration.ofMinutes(10).plusMillis(i)));
        }
        assertThat(repository(1).registerAll(tasks)).isEmpty();
        return tasks;
    }

    private RedisTaskRepository repository(int shards) {
        RedisTaskRepository repository = RedisTaskRepository.connect(
                new RedisStoreSettings(TestRedis.url(), prefix, Duration.ofSeconds(2)).withShards(shards));
        opened.add(repository);
        return repository;
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
