package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.adapters.redis.LuaScripts.ScriptCall;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.UnifiedJedis;

/**
 * Answers stats in O(S x (statuses + types)) over the registry's S shards, usually in one round trip: one script
 * per shard prunes expired ids from every index of the shard (each id pruned from idx:all appends its expiry
 * event) and counts each with ZCARD, one atomic snapshot of the shard (its total always equals the sum of its status
 * counts, so the sums do too) whose keys all lie in the shard's slot; a type whose index has emptied leaves the set
 * of types. A script must be given every key it touches, so the type indexes it counts are the types this process
 * learnt from the shard's earlier counts; when the shard's set holds types it was not given (new since), the
 * script changes nothing and names them, and that shard alone is counted again, naming them, in a second round
 * trip. The shards' calls
 * go together in each round trip.
 */
final class TaskCounting {

    private static final TaskStatus[] STATUSES = TaskStatus.values();

    private final List<RedisKeys> shards;
    private final String retainedEvents;
    private final String eventIds;
    /** Per shard, the types its last count found live: what the next count names. */
    private final Map<RedisKeys, List<TaskType>> knownTypes = new ConcurrentHashMap<>();

    /** Counting prunes expired ids, and so appends their expiry events, keeping about {@code retainedEvents}. */
    TaskCounting(List<RedisKeys> shards, int retainedEvents) {
        this.shards = List.copyOf(shards);
        this.retainedEvents = String.valueOf(retainedEvents);
        this.eventIds = EventIds.forShards(this.shards.size());
    }

    TaskStats stats(UnifiedJedis client) {
        return count(client, shards);
    }

    /** The counts of these shards, summed; each shard's expired ids pruned and their events appended. */
    TaskStats count(UnifiedJedis client, List<RedisKeys> counted) {
        List<ShardCount> counts =
                countAll(client, counted, counted.stream().map(this::known).toList());
        List<Integer> stale = new ArrayList<>();
        for (int k = 0; k < counted.size(); k++) {
            if (!counts.get(k).unnamed().isEmpty()) {
                stale.add(k);
            }
        }
        if (!stale.isEmpty()) {
            List<RedisKeys> again = stale.stream().map(counted::get).toList();
            List<List<TaskType>> named = stale.stream()
                    .map(k -> union(counts.get(k).named(), counts.get(k).unnamed()))
                    .toList();
            List<ShardCount> recounted = countAll(client, again, named);
            for (int i = 0; i < stale.size(); i++) {
                counts.set(stale.get(i), recounted.get(i));
            }
        }
        long total = 0;
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        Map<TaskType, Long> byType = new HashMap<>();
        for (int k = 0; k < counted.size(); k++) {
            ShardCount shard = counts.get(k);
            knownTypes.put(counted.get(k), shard.liveTypes());
            total += shard.total();
            shard.byStatus().forEach((status, count) -> byStatus.merge(status, count, Long::sum));
            shard.byType().forEach((type, count) -> byType.merge(type, count, Long::sum));
        }
        return new TaskStats(total, byType, byStatus);
    }

    private List<TaskType> known(RedisKeys shard) {
        return knownTypes.getOrDefault(shard, List.of());
    }

    /** One count.lua per shard, naming {@code named.get(k)} for shard k, in one round trip. */
    private List<ShardCount> countAll(UnifiedJedis client, List<RedisKeys> counted, List<List<TaskType>> named) {
        List<ScriptCall> calls = new ArrayList<>();
        for (int k = 0; k < counted.size(); k++) {
            calls.add(counting(counted.get(k), named.get(k)));
        }
        List<Object> replies = calls.size() == 1
                ? List.of(LuaScripts.run(
                        client,
                        Script.COUNT,
                        calls.getFirst().keys(),
                        calls.getFirst().args()))
                : LuaScripts.runAll(client, Script.COUNT, calls, ReplicaWait.none());
        List<ShardCount> counts = new ArrayList<>();
        for (int k = 0; k < counted.size(); k++) {
            counts.add(ShardCount.of((List<?>) replies.get(k), named.get(k)));
        }
        return counts;
    }

    private static List<TaskType> union(List<TaskType> named, List<TaskType> unnamed) {
        List<TaskType> all = new ArrayList<>(named);
        all.addAll(unnamed);
        return all;
    }

    /** What count.lua answered for one shard, given the types it was named. */
    private record ShardCount(
            long total,
            Map<TaskStatus, Long> byStatus,
            Map<TaskType, Long> byType,
            List<TaskType> named,
            List<TaskType> unnamed) {

        static ShardCount of(List<?> reply, List<TaskType> named) {
            List<TaskType> unnamed = ((List<?>) reply.get(1))
                    .stream().map(member -> TaskType.of(text(member))).toList();
            if (!unnamed.isEmpty()) {
                // The script counted nothing: the shard is counted again, naming these too.
                return new ShardCount(0, Map.of(), Map.of(), named, unnamed);
            }
            List<?> counts = (List<?>) reply.get(0);
            Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
            for (int i = 0; i < STATUSES.length; i++) {
                byStatus.put(STATUSES[i], (Long) counts.get(1 + i));
            }
            Map<TaskType, Long> byType = new HashMap<>();
            for (int i = 0; i < named.size(); i++) {
                byType.put(named.get(i), (Long) counts.get(1 + STATUSES.length + i));
            }
            return new ShardCount((Long) counts.getFirst(), byStatus, byType, named, List.of());
        }

        /** The types the shard holds now, as far as this count saw: those named with members. */
        List<TaskType> liveTypes() {
            return byType.entrySet().stream()
                    .filter(entry -> entry.getValue() > 0)
                    .map(Map.Entry::getKey)
                    .toList();
        }

        private static String text(Object member) {
            return member instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : member.toString();
        }
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
        args.add(eventIds);
        return new ScriptCall(scriptKeys, args);
    }
}
