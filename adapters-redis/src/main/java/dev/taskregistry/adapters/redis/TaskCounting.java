package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * Answers stats in O(statuses + types) and two round trips: reads the set of types, then one script prunes
 * expired ids from every index (each id pruned from idx:all appends its expiry event) and counts each with ZCARD, one atomic snapshot (the total always equals the
 * sum of the status counts) whose keys all lie in the registry's slot; a type whose index has emptied leaves
 * the set of types.
 */
final class TaskCounting {

    private final RedisKeys keys;
    private final String retainedEvents;

    /** Counting prunes expired ids, and so appends their expiry events, keeping about {@code retainedEvents}. */
    TaskCounting(RedisKeys keys, int retainedEvents) {
        this.keys = keys;
        this.retainedEvents = String.valueOf(retainedEvents);
    }

    TaskStats stats(UnifiedJedis client) {
        List<TaskType> types =
                client.smembers(keys.types()).stream().map(TaskType::of).toList();
        TaskStatus[] statuses = TaskStatus.values();
        List<String> scriptKeys = new ArrayList<>();
        scriptKeys.add(keys.all());
        for (TaskStatus status : statuses) {
            scriptKeys.add(keys.status(status));
        }
        scriptKeys.add(keys.types());
        scriptKeys.add(keys.events());
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(statuses.length));
        args.add(retainedEvents);
        for (TaskStatus status : statuses) {
            args.add(StoredStatus.nameOf(status));
        }
        for (TaskType type : types) {
            scriptKeys.add(keys.type(type));
            args.add(type.value());
        }
        List<?> counts = (List<?>) LuaScripts.run(client, Script.COUNT, scriptKeys, args);
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        for (int i = 0; i < statuses.length; i++) {
            byStatus.put(statuses[i], (Long) counts.get(1 + i));
        }
        Map<TaskType, Long> byType = new HashMap<>();
        for (int i = 0; i < types.size(); i++) {
            byType.put(types.get(i), (Long) counts.get(1 + statuses.length + i));
        }
        return new TaskStats((Long) counts.getFirst(), byType, byStatus);
    }
}
