package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.adapters.redis.LuaScripts.ScriptCall;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Answers stats in O(S x (statuses + types)) and two round trips over the registry's S shards: reads each shard's
 * set of types, then one script per shard prunes expired ids from every index of the shard (each id pruned from
 * idx:all appends its expiry event) and counts each with ZCARD, one atomic snapshot of the shard (its total always
 * equals the sum of its status counts, so the sums do too) whose keys all lie in the shard's slot; a type whose
 * index has emptied leaves the set of types. The shards' calls go together in each round trip.
 */
final class TaskCounting {

    private static final TaskStatus[] STATUSES = TaskStatus.values();

    private final List<RedisKeys> shards;
    private final String retainedEvents;

    /** Counting prunes expired ids, and so appends their expiry events, keeping about {@code retainedEvents}. */
    TaskCounting(List<RedisKeys> shards, int retainedEvents) {
        this.shards = List.copyOf(shards);
        this.retainedEvents = String.valueOf(retainedEvents);
    }

    TaskStats stats(UnifiedJedis client) {
        return count(client, shards);
    }

    /** The counts of these shards, summed; each shard's expired ids pruned and their events appended. */
    TaskStats count(UnifiedJedis client, List<RedisKeys> counted) {
        List<List<TaskType>> types = typesOf(client, counted);
        List<ScriptCall> calls = new ArrayList<>();
        for (int k = 0; k < counted.size(); k++) {
            calls.add(counting(counted.get(k), types.get(k)));
        }
        List<Object> replies = calls.size() == 1
                ? List.of(LuaScripts.run(
                        client,
                        Script.COUNT,
                        calls.getFirst().keys(),
                        calls.getFirst().args()))
                : LuaScripts.runAll(client, Script.COUNT, calls, ReplicaWait.none());
        long total = 0;
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        Map<TaskType, Long> byType = new HashMap<>();
        for (int k = 0; k < counted.size(); k++) {
            List<?> counts = (List<?>) replies.get(k);
            total += (Long) counts.getFirst();
            for (int i = 0; i < STATUSES.length; i++) {
                byStatus.merge(STATUSES[i], (Long) counts.get(1 + i), Long::sum);
            }
            List<TaskType> shardTypes = types.get(k);
            for (int i = 0; i < shardTypes.size(); i++) {
                byType.merge(shardTypes.get(i), (Long) counts.get(1 + STATUSES.length + i), Long::sum);
            }
        }
        return new TaskStats(total, byType, byStatus);
    }

    private static List<List<TaskType>> typesOf(UnifiedJedis client, List<RedisKeys> counted) {
        if (counted.size() == 1) {
            return List.of(types(client.smembers(counted.getFirst().types())));
        }
        List<Response<Set<String>>> replies = new ArrayList<>(counted.size());
        try (AbstractPipeline pipeline = Pipelines.open(client)) {
            for (RedisKeys keys : counted) {
                replies.add(pipeline.smembers(keys.types()));
            }
            pipeline.sync();
        }
        return replies.stream().map(LuaScripts::reply).map(TaskCounting::types).toList();
    }

    private static List<TaskType> types(Set<String> names) {
        return names.stream().map(TaskType::of).toList();
    }

    /** KEYS and ARGV of count.lua for one shard and the types it lists. */
    private ScriptCall counting(RedisKeys keys, List<TaskType> types) {
        List<String> scriptKeys = new ArrayList<>();
        scriptKeys.add(keys.all());
        for (TaskStatus status : STATUSES) {
            scriptKeys.add(keys.status(status));
        }
        scriptKeys.add(keys.types());
        scriptKeys.add(keys.events());
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(STATUSES.length));
        args.add(retainedEvents);
        for (TaskStatus status : STATUSES) {
            args.add(StoredStatus.nameOf(status));
        }
        for (TaskType type : types) {
            scriptKeys.add(keys.type(type));
            args.add(type.value());
        }
        return new ScriptCall(scriptKeys, args);
    }
}
