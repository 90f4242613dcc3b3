package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** registerAll loads many tasks in few round trips and stores exactly what one register per task stores. */
class RedisBulkRegisterTest {

    private static final TaskType REPORT = TaskType.of("report");

    @RegisterExtension
    final SharedRedisNamespace oneByOne = new SharedRedisNamespace();

    @RegisterExtension
    final SharedRedisNamespace inBulk = new SharedRedisNamespace();

    @Test
    void registerAll_storesTheSameKeysValuesScoresAndExpiries_asOneRegisterPerTask() {
        List<Task> tasks = tasksOfEveryStatusAndTwoTypes(Instant.now());
        RedisTaskRepository single = oneByOne.openRepository();
        tasks.forEach(single::register);

        assertThat(inBulk.openRepository().registerAll(tasks)).isEmpty();

        RedisClient redis = oneByOne.openPlainClient();
        assertThat(storedState(redis, inBulk))
                .isEqualTo(storedState(redis, oneByOne))
                .isNotEmpty();
    }

    @Test
    void registerAll_ofMoreTasksThanOneRoundTripTakes_registersEveryOne() {
        Instant now = Instant.now();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i <= RedisTaskRepository.BULK_BATCH; i++) {
            tasks.add(TestTasks.pendingTask(
                    now, TestTasks.DEFAULT_TYPE, Duration.ofMinutes(5).plusMillis(i)));
        }
        RedisTaskRepository repository = inBulk.openRepository();

        repository.registerAll(tasks);

        assertThat(repository.stats().total()).isEqualTo(tasks.size());
        assertThat(repository.find(tasks.getFirst().id())).contains(tasks.getFirst());
        assertThat(repository.find(tasks.getLast().id())).contains(tasks.getLast());
        assertThat(repository.list(TaskFilter.all(), PageRequest.first(1)).items())
                .containsExactly(tasks.getLast());
    }

    @Test
    void registerAll_leavesATaskThatIsLiveAlreadyAsItWas_andNamesIt() {
        Instant now = Instant.now();
        Task live = TestTasks.pendingTask(now);
        Task before = TestTasks.pendingTask(now);
        Task after = TestTasks.pendingTask(now, REPORT);
        RedisTaskRepository repository = inBulk.openRepository();
        repository.register(live);

        assertThat(repository.registerAll(List.of(before, live.start(now), after)))
                .containsExactly(live.id());

        assertThat(repository.find(live.id())).contains(live);
        assertThat(repository.find(before.id())).contains(before);
        assertThat(repository.find(after.id())).contains(after);
    }

    @Test
    void registerAll_ofNoTasks_storesNothing() {
        RedisTaskRepository repository = inBulk.openRepository();

        assertThat(repository.registerAll(List.of())).isEmpty();

        assertThat(storedState(inBulk.openPlainClient(), inBulk)).isEmpty();
    }

    private static List<Task> tasksOfEveryStatusAndTwoTypes(Instant now) {
        List<Task> tasks = new ArrayList<>();
        for (TaskStatus status : TaskStatus.values()) {
            for (TaskType type : List.of(TestTasks.DEFAULT_TYPE, REPORT)) {
                Task pending = TestTasks.pendingTask(now, type, Duration.ofMinutes(5 + tasks.size()));
                tasks.add(
                        switch (status) {
                            case PENDING -> pending;
                            case RUNNING -> pending.start(now);
                            case COMPLETED ->
                                pending.complete(TaskResult.ofJson("{\"score\":0.93}"), now, TestTasks.RETENTION);
                            case FAILED -> pending.fail("upstream timed out", now, TestTasks.RETENTION);
                            case CANCELLED -> pending.cancel(now, TestTasks.RETENTION);
                        });
            }
        }
        return tasks;
    }

    /**
     * Every key of the namespace, without its prefix, with its type, content (less the write's token) and expiry
     * time as Redis holds them.
     */
    private static Map<String, String> storedState(RedisClient redis, SharedRedisNamespace namespace) {
        String tag = namespace.key("");
        Map<String, String> state = new TreeMap<>();
        ScanParams own = new ScanParams().match(tag + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> batch = redis.scan(cursor, own);
            for (String key : batch.getResult()) {
                String type = redis.type(key);
                String content = switch (type) {
                    // The token of the write differs from call to call by design; everything else must not.
                    case "string" -> redis.get(key).replaceAll(",\"write_id\":\"[0-9a-f]{16}\"", "");
                    case "zset" -> redis.zrangeWithScores(key, 0, -1).toString();
                    case "set" -> new TreeSet<>(redis.smembers(key)).toString();
                    // The events in order, without their ids (the time of the write).
                    case "stream" ->
                        redis.xrange(key, "-", "+").stream()
                                .map(entry -> new TreeMap<>(entry.getFields()).toString())
                                .toList()
                                .toString()
                                .replaceAll(",\"write_id\":\"[0-9a-f]{16}\"", "");
                    default -> throw new AssertionError("unexpected " + type + " at " + key);
                };
                state.put(key.substring(tag.length()), type + " " + content + " expires " + redis.pexpireTime(key));
            }
            cursor = batch.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return state;
    }
}
