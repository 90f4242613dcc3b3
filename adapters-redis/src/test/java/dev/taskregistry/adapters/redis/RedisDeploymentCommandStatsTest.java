package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.adapters.redis.DeploymentCommandStats.Node;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.testing.FeedReading;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * On Redis Cluster and on a Sentinel set, no request path (register, find, update, delete, list with and without
 * filters and over pages, stats, and the change feed's head, replay and subscription, whose reader XREADs) sends KEYS, SCAN or another command that reads a whole node's keyspace, nor a
 * MULTI/EXEC transaction, to any node: {@code INFO commandstats} of every data node, taken before and after the
 * requests, says so. Commandstats count the commands scripts run alike, so TIME (read inside scripts) is
 * checked by the MONITOR-based {@link RedisClusterCommandUsageTest} instead.
 */
class RedisDeploymentCommandStatsTest {

    /** Commands that walk or size a node's whole keyspace: wrong on a cluster, slow on a large registry. */
    private static final List<String> KEYSPACE_SCANS =
            List.of("keys", "scan", "randomkey", "dbsize", "cluster|getkeysinslot", "cluster|countkeysinslot");

    private static final List<String> TRANSACTIONS = List.of("multi", "exec", "discard");

    private final String prefix = TestRedis.uniquePrefix();
    /** Every key of the prefix lies in this key's slot. */
    private final String sampleKey = "{" + prefix + "}:idx:all";

    private String masterUrl;

    @AfterEach
    void deleteThisTestsKeys() {
        if (masterUrl != null) {
            TestRedis.deleteNamespace(prefix, masterUrl);
        }
    }

    @Test
    void onRedisCluster_noRequestPathSendsKeysScanOrATransaction_toAnyNode() {
        TestRedisCluster cluster = TestRedisCluster.shared();
        cluster.awaitHealthy();
        RedisServerProcess master = cluster.masterOf(sampleKey);
        masterUrl = master.url();

        try (RedisTaskRepository repository = TestRepositories.onCluster(cluster, prefix)) {
            List<Node> commands = commandsOfEveryRequestPath(repository, master, cluster.nodes());

            assertThat(commands).hasSize(6);
            assertNoScanNorTransaction(commands);
        }
    }

    @Test
    void onASentinelSet_noRequestPathSendsKeysScanOrATransaction_toAnyNode() {
        TestRedisSentinel sentinel = TestRedisSentinel.shared();
        RedisServerProcess master = sentinel.awaitStableMaster();
        masterUrl = master.url();

        try (RedisTaskRepository repository = TestRepositories.onSentinel(sentinel, prefix)) {
            List<Node> commands = commandsOfEveryRequestPath(repository, master, sentinel.dataNodes());

            assertThat(commands).hasSize(3);
            assertNoScanNorTransaction(commands);
        }
    }

    /**
     * Runs every request path once or more (the scripts loaded, and a document of the original service written,
     * before the first moment) and returns what each data node ran in between.
     */
    private List<Node> commandsOfEveryRequestPath(
            RedisTaskRepository repository, RedisServerProcess master, List<RedisServerProcess> dataNodes) {
        repository.warmUp();
        TaskId original = writeDocumentOfTheOriginalService(master);
        TaskType report = TaskType.of("report");
        DeploymentCommandStats before = DeploymentCommandStats.take(dataNodes);
        TaskChangeFeed feed = repository.changeFeed();
        FeedPosition start = feed.head();
        FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty());

        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Task task = TestTasks.pendingTask(
                    Instant.now(), i % 2 == 0 ? report : TestTasks.DEFAULT_TYPE, Duration.ofMinutes(5 + i));
            repository.register(task);
            tasks.add(task);
        }
        Task started = tasks.get(0).start(Instant.now());
        repository.update(started);
        repository.update(started.reportProgress(ProgressReport.ofSteps(1), Instant.now()));
        repository.update(tasks.get(1).withTtl(Duration.ofHours(1), Instant.now()));
        repository.update(
                tasks.get(2).complete(TaskResult.ofJson("{\"rows\":3}"), Instant.now(), Duration.ofMinutes(5)));
        repository.update(tasks.get(3).fail("upstream timed out", Instant.now(), Duration.ofMinutes(5)));
        repository.update(tasks.get(4).cancel(Instant.now(), Duration.ofMinutes(5)));
        assertThat(repository.find(tasks.get(5).id())).isPresent();
        assertThat(repository.find(original)).isPresent();
        assertThat(repository.find(TestTasks.uniqueId())).isEmpty();
        TaskPage first = repository.list(TaskFilter.all(), PageRequest.first(2));
        TaskPage second = repository.list(
                TaskFilter.all(), PageRequest.first(2).after(first.next().orElseThrow()));
        repository.list(TaskFilter.of(TaskStatus.RUNNING, null), PageRequest.first(10));
        repository.list(TaskFilter.of(null, report), PageRequest.first(10));
        repository.list(TaskFilter.of(TaskStatus.PENDING, report), PageRequest.first(10));
        // The original service indexed nothing: its document is found, not counted.
        assertThat(repository.stats().total()).isEqualTo(6);
        assertThat(repository.delete(tasks.get(5).id())).isTrue();
        assertThat(repository.delete(TestTasks.uniqueId())).isFalse();
        try (subscription) {
            assertThat(FeedReading.nextChange(subscription).taskId())
                    .isEqualTo(tasks.get(0).id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the feed", e);
        }
        assertThat(FeedReading.replayAll(feed, start, TaskChangeFilter.all())).isNotEmpty();

        List<Node> commands = DeploymentCommandStats.take(dataNodes).since(before);
        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(2).doesNotContainAnyElementsOf(first.items());
        return commands;
    }

    /** As the original service wrote a task: no expires_at, so find reads the key's expiry by Redis' clock. */
    private TaskId writeDocumentOfTheOriginalService(RedisServerProcess master) {
        TaskId original = TaskId.of("original-" + UUID.randomUUID());
        try (Jedis admin = new Jedis(new HostAndPort("127.0.0.1", master.port()))) {
            admin.psetex("{" + prefix + "}:task:" + original, 60_000, """
                    {"id": "%s", "type": "equity_analysis", "status": "pending", "resource_url": "mcp://task/%s",
                     "estimated_completion": null, "progress": 0.0, "created_at": "2026-11-30T10:00:00",
                     "updated_at": "2026-11-30T10:00:00", "query": "analyse ACME", "completed_steps": null,
                     "total_steps": null, "started_at": null, "completed_at": null, "result": null, "error": null}
                    """.formatted(original, original));
        }
        return original;
    }

    private static void assertNoScanNorTransaction(List<Node> commands) {
        Map<String, Long> everyNode = DeploymentCommandStats.summed(commands);
        assertThat(everyNode)
                .as("the registry's requests reached the deployment")
                .containsKeys("evalsha", "get", "mget", "zrange", "smembers");
        assertThat(everyNode).as("summed over every node").doesNotContainKeys(KEYSPACE_SCANS.toArray(String[]::new));
        List<Node> masters = commands.stream().filter(Node::isMaster).toList();
        assertThat(DeploymentCommandStats.summed(masters))
                .as("summed over the masters, where a client's transaction would run")
                .doesNotContainKeys(TRANSACTIONS.toArray(String[]::new));
        for (Node replica : commands.stream().filter(node -> !node.isMaster()).toList()) {
            Node master = masters.stream()
                    .filter(node -> node.port() == replica.masterPort().orElseThrow())
                    .findFirst()
                    .orElseThrow();
            long scripts = master.calls("evalsha") + master.calls("eval");
            // A replica's MULTI/EXEC wrap what one script on its master wrote; no client sends them to it.
            assertThat(replica.calls("multi"))
                    .as("MULTI on replica " + replica.port() + ", scripts on its master " + master.port())
                    .isLessThanOrEqualTo(scripts);
            assertThat(replica.calls("exec")).isEqualTo(replica.calls("multi"));
            assertThat(replica.calls("discard")).isZero();
        }
    }
}
