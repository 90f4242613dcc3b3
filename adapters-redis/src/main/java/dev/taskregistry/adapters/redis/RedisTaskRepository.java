package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskType;
import java.util.List;
import java.util.Optional;

/**
 * The {@link TaskRepository} that several worker processes share: one JSON document per task with
 * Redis' own expiry, plus sorted-set indexes for listing and counting, changed only by Lua scripts.
 * Connects lazily; while Redis is unreachable every method fails with {@code TaskStoreUnavailable}.
 */
public final class RedisTaskRepository implements TaskRepository, AutoCloseable {

    private static final Long DONE = 1L;
    private static final Long ABSENT = 0L;
    private static final int DELETE_ATTEMPTS = 3;

    private final RedisConnection connection;
    private final RedisKeys keys;
    private final TaskDocumentCodec codec = new TaskDocumentCodec();
    private final TaskListing listing;
    private final TaskCounting counting;

    public RedisTaskRepository(RedisStoreSettings settings) {
        this.connection = new RedisConnection(settings);
        this.keys = new RedisKeys(settings.keyPrefix());
        this.listing = new TaskListing(keys, codec);
        this.counting = new TaskCounting(keys);
    }

    /**
     * Opens the pool's connections and loads the scripts, so that the first burst of requests after a
     * start costs what any later burst does. Optional: without it both happen on first use.
     *
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when Redis cannot be reached now
     */
    public void warmUp() {
        connection.openPool("warm-up");
        connection.call("warm-up", client -> {
            LuaScripts.loadAll(client);
            return null;
        });
    }

    @Override
    public void register(Task task) {
        List<String> args = List.of(codec.encode(task), expiryMillis(task), task.id().value(),
                RedisKeys.statusPosition(task.status()), task.type().value());
        Object outcome = connection.call("register", client ->
                LuaScripts.run(client, Script.REGISTER, keys.forTaskChange(task.id(), task.type()), args));
        if (ABSENT.equals(outcome)) {
            throw new TaskAlreadyExists(task.id());
        }
    }

    @Override
    public Optional<Task> find(TaskId id) {
        String key = keys.task(id);
        return connection.call("find", client -> {
            String json = client.get(key);
            return json == null ? Optional.<Task>empty() : codec.decode(json, () -> RedisTime.expiryOf(client, key));
        });
    }

    @Override
    public void update(Task task) {
        List<String> args = List.of(codec.encode(task), expiryMillis(task), task.id().value(),
                RedisKeys.statusPosition(task.status()), task.type().value(), String.valueOf(task.version() - 1),
                StoredStatus.nameOf(task.status()), DocumentInstants.format(task.expiresAt()));
        Object outcome = connection.call("update", client ->
                LuaScripts.run(client, Script.UPDATE, keys.forTaskChange(task.id(), task.type()), args));
        if (ABSENT.equals(outcome)) {
            throw new TaskNotFound(task.id());
        }
        if (!DONE.equals(outcome)) {
            throw new ConcurrentTaskUpdate(task.id());
        }
    }

    @Override
    public boolean delete(TaskId id) {
        return connection.call("delete", client -> {
            String json = client.get(keys.task(id));
            if (json == null) {
                return false;
            }
            TaskType type = codec.typeOf(json);
            for (int attempt = 0; attempt < DELETE_ATTEMPTS; attempt++) {
                Object outcome = LuaScripts.run(client, Script.DELETE, keys.forTaskChange(id, type),
                        List.of(id.value(), type.value()));
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
        return connection.call("list", client -> listing.list(client, filter, page));
    }

    @Override
    public TaskStats stats() {
        return connection.call("stats", counting::stats);
    }

    @Override
    public void close() {
        connection.close();
    }

    private static String expiryMillis(Task task) {
        return String.valueOf(task.expiresAt().toEpochMilli());
    }
}
