package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.adapters.redis.LuaScripts.ScriptCall;
import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.TaskType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The {@link TaskRepository} that several worker processes share: one JSON document per task with
 * Redis' own expiry, plus sorted-set indexes for listing and counting, changed only by Lua scripts.
 * The registry may be spread over shards ({@link ShardLayout}): a task's document and index entries live in its
 * shard, so each change is still one single-slot script, and listing and stats visit every shard.
 * While Redis is unreachable every method fails with {@code TaskStoreUnavailable}.
 */
public final class RedisTaskRepository implements TaskRepository, AutoCloseable {

    private static final Long DONE = 1L;
    private static final Long ABSENT = 0L;
    private static final int DELETE_ATTEMPTS = 3;
    /** Register scripts per pipelined round trip of {@link #registerAll}: a few milliseconds of Redis time. */
    static final int BULK_BATCH = 1000;
    /** The timeout of the constructors that take a connection built elsewhere, as their change feed's. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final RedisConnection connection;
    private final ShardLayout layout;
    /** Every shard's keys, named once: a request only picks its shard's. */
    private final List<RedisKeys> shardKeys;

    private final RecordedShardCount recordedCount;
    private final TaskDocumentCodec codec = new TaskDocumentCodec();
    private final TaskListing listing;
    private final TaskCounting counting;
    private final ReplicaWait replicaWait;
    private final String retainedChanges;
    private final String eventIds;

    private final ClosableChangeFeed feed;
    private final PipelinedReads reads;

    /**
     * The registry under {@code keyPrefix} (every key is {@code {keyPrefix}:...}) on {@code connection},
     * which this repository closes when it is closed; writes do not wait for replicas; the feed has the
     * default settings ({@link RedisFeedSettings#forTimeout} of 2 s) and its reader borrows a connection of
     * {@code connection} for each {@code XREAD BLOCK} (the service gives it one of its own, see
     * {@link #connect}). Nothing is sent to Redis until the first call.
     */
    public RedisTaskRepository(RedisConnection connection, String keyPrefix) {
        this(connection, connection, keyPrefix, RedisFeedSettings.forTimeout(DEFAULT_TIMEOUT));
    }

    /**
     * As {@link #RedisTaskRepository(RedisConnection, String)}, the change feed's reader on
     * {@code feedConnection} (its own, closed with this repository, unless it is {@code connection}), as
     * {@code feed} says.
     */
    public RedisTaskRepository(
            RedisConnection connection, RedisConnection feedConnection, String keyPrefix, RedisFeedSettings feed) {
        this(connection, feedConnection, ShardLayout.unsharded(keyPrefix), ReplicaWait.none(), feed, DEFAULT_TIMEOUT);
    }

    /** The registry under {@code keyPrefix} on any connection, each write followed by {@code replicaWait}. */
    RedisTaskRepository(RedisConnection connection, String keyPrefix, ReplicaWait replicaWait) {
        this(
                connection,
                connection,
                ShardLayout.unsharded(keyPrefix),
                replicaWait,
                RedisFeedSettings.forTimeout(DEFAULT_TIMEOUT),
                DEFAULT_TIMEOUT);
    }

    private RedisTaskRepository(
            RedisConnection connection,
            RedisConnection feedConnection,
            ShardLayout layout,
            ReplicaWait replicaWait,
            RedisFeedSettings feed,
            Duration timeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.layout = layout;
        this.shardKeys = layout.shards();
        this.recordedCount = new RecordedShardCount(layout);
        int retainedPerShard = feed.retainedPerShard(layout.count());
        this.retainedChanges = String.valueOf(retainedPerShard);
        this.eventIds = EventIds.forShards(layout.count());
        this.counting = new TaskCounting(shardKeys, retainedPerShard);
        this.listing = new TaskListing(shardKeys, codec, counting);
        this.replicaWait = replicaWait;
        Objects.requireNonNull(feedConnection, "feedConnection");
        this.feed = ChangeFeeds.of(connection, feedConnection, layout, codec, feed);
        this.reads = new PipelinedReads(this::call, timeout);
    }

    /**
     * The registry the settings describe: on their deployment ({@link RedisConnection#forDeployment}), under
     * their key prefix, each write followed by {@code WAIT} when they ask for replicas (a write that reaches
     * fewer fails with {@code TaskStoreUnavailable}, though the master applied it). The change feed's reader
     * has a connection of its own, built from the same settings (one per shard: each shard's stream has a reader).
     * Nothing is sent to Redis until the first call.
     */
    public static RedisTaskRepository connect(RedisStoreSettings settings) {
        return connect(settings, RedisFeedSettings.forTimeout(settings.timeout()));
    }

    /** As {@link #connect(RedisStoreSettings)}, the change feed as {@code feed} says. */
    public static RedisTaskRepository connect(RedisStoreSettings settings, RedisFeedSettings feed) {
        // One blocking reader per events stream (ShardedTaskChangeFeed says why), so one connection per shard.
        RedisStoreSettings readers =
                settings.withPoolSize(settings.layout().count()).waitingFor(0);
        return new RedisTaskRepository(
                RedisConnection.forDeployment(settings),
                RedisConnection.forDeployment(readers),
                settings.layout(),
                ReplicaWait.of(settings),
                feed,
                settings.timeout());
    }

    /**
     * Opens the pool's connections, checks the registry's recorded shard count (recording it on an empty registry)
     * and loads the scripts, so that a wrong count stops the start and the first burst of requests after a start
     * costs what any later burst does. Optional: without it all three happen on first use.
     *
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when Redis cannot be reached now
     * @throws IllegalStateException when the registry was built with another shard count
     */
    public void warmUp() {
        connection.open("warm-up");
        connection.call("warm-up", client -> {
            recordedCount.confirm(client);
            // Scripts are cached per server: on a cluster each shard's master needs them, elsewhere one load serves
            // all.
            List<RedisKeys> servers = client instanceof RedisClusterClient ? shardKeys : List.of(shardKeys.getFirst());
            for (RedisKeys shard : servers) {
                LuaScripts.loadAll(client, shard.all());
            }
            return null;
        });
    }

    @Override
    public void register(Task task) {
        ScriptCall call = registration(task);
        Object outcome = call(
                "register",
                client -> LuaScripts.run(client, Script.REGISTER, call.keys(), call.args(), replicaWait, "register"));
        if (ABSENT.equals(outcome)) {
            throw new TaskAlreadyExists(task.id());
        }
    }

    /**
     * Registers many tasks in few round trips, for loading a registry (benchmarks, imports) rather than for
     * requests: each task is still one register script, run exactly as {@link #register} runs it, so it
     * stores exactly what {@code register} stores; up to 1000 of them go in one pipelined round
     * trip, each round trip bounded by the timeout. Not atomic as a whole: when Redis fails part way, some
     * of the tasks may be stored and the others not.
     *
     * @return the ids that were live already, in the order given (for these {@code register} would have
     *         thrown {@link TaskAlreadyExists}); their tasks were not written
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when Redis cannot be reached
     */
    public List<TaskId> registerAll(Collection<Task> tasks) {
        List<Task> all = List.copyOf(tasks);
        List<TaskId> live = new ArrayList<>();
        for (int start = 0; start < all.size(); start += BULK_BATCH) {
            List<Task> batch = all.subList(start, Math.min(all.size(), start + BULK_BATCH));
            List<ScriptCall> calls = batch.stream().map(this::registration).toList();
            List<Object> outcomes =
                    call("register-all", client -> LuaScripts.runAll(client, Script.REGISTER, calls, replicaWait));
            for (int i = 0; i < batch.size(); i++) {
                if (ABSENT.equals(outcomes.get(i))) {
                    live.add(batch.get(i).id());
                }
            }
        }
        return live;
    }

    @Override
    public Optional<Task> find(TaskId id) {
        String key = keysOf(id).task(id);
        String json = reads.get(key, "find");
        return json == null
                ? Optional.empty()
                : codec.decode(json, () -> call("find", client -> RedisTime.expiryOf(client, key)));
    }

    @Override
    public void update(Task task) {
        WriteId write = WriteId.next();
        List<String> args = List.of(
                codec.encode(task, write),
                expiryMillis(task),
                task.id().value(),
                RedisKeys.statusPosition(task.status()),
                task.type().value(),
                String.valueOf(task.version() - 1),
                StoredStatus.nameOf(task.status()),
                DocumentInstants.format(task.expiresAt()),
                write.value(),
                retainedChanges,
                eventIds);
        Object outcome = call(
                "update",
                client -> LuaScripts.run(
                        client,
                        Script.UPDATE,
                        keysOf(task.id()).forTaskChange(task.id(), task.type()),
                        args,
                        replicaWait,
                        "update"));
        if (ABSENT.equals(outcome)) {
            throw new TaskNotFound(task.id());
        }
        if (!DONE.equals(outcome)) {
            throw new ConcurrentTaskUpdate(task.id());
        }
    }

    @Override
    public boolean delete(TaskId id) {
        RedisKeys keys = keysOf(id);
        return call("delete", client -> {
            String json = client.get(keys.task(id));
            if (json == null) {
                return false;
            }
            TaskType type = codec.typeOf(json);
            for (int attempt = 0; attempt < DELETE_ATTEMPTS; attempt++) {
                Object outcome = LuaScripts.run(
                        client,
                        Script.DELETE,
                        keys.forTaskChange(id, type),
                        List.of(id.value(), type.value(), retainedChanges, eventIds),
                        replicaWait,
                        "delete");
                if (!(outcome instanceof String storedType)) {
                    return DONE.equals(outcome);
                }
                // The id was registered again with another type since the GET: its index key differs.
                type = TaskType.of(storedType);
            }
            throw new ConcurrentTaskUpdate(id);
        });
    }

    @Override
    public TaskPage list(TaskFilter filter, PageRequest page) {
        return call("list", client -> listing.list(client, filter, page));
    }

    @Override
    public TaskStats stats() {
        return call("stats", counting::stats);
    }

    /** The changes this registry stores, as every worker sharing it sees them; closed with the repository. */
    public TaskChangeFeed changeFeed() {
        return feed;
    }

    /** Stops the change feed's reader, closes its subscriptions and both connections. */
    @Override
    public void close() {
        try {
            reads.close();
            feed.close();
        } finally {
            connection.close();
        }
    }

    /** KEYS and ARGV of register.lua for a new task, with the token of this one write. */
    private ScriptCall registration(Task task) {
        WriteId write = WriteId.next();
        return new ScriptCall(
                keysOf(task.id()).forTaskChange(task.id(), task.type()),
                List.of(
                        codec.encode(task, write),
                        expiryMillis(task),
                        task.id().value(),
                        RedisKeys.statusPosition(task.status()),
                        task.type().value(),
                        write.value(),
                        String.valueOf(task.version()),
                        StoredStatus.nameOf(task.status()),
                        retainedChanges,
                        eventIds));
    }

    /**
     * Runs {@code work} on the registry: on the first call that reaches Redis, after checking the recorded shard
     * count (a registry of another count answers as unavailable, with the reason, until the workers are restarted
     * with the count it has).
     */
    private <T> T call(String operation, Function<UnifiedJedis, T> work) {
        return connection.call(operation, client -> {
            try {
                recordedCount.confirm(client);
            } catch (RecordedShardCount.ShardCountMismatch mismatch) {
                throw new TaskStoreUnavailable(mismatch.getMessage(), mismatch);
            }
            return work.apply(client);
        });
    }

    /** The keys of the shard holding this id, without naming (and checking) them again on every request. */
    private RedisKeys keysOf(TaskId id) {
        return shardKeys.get(layout.shardOf(id));
    }

    private static String expiryMillis(Task task) {
        return String.valueOf(task.expiresAt().toEpochMilli());
    }
}
