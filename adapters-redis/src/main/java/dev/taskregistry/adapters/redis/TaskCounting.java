package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Answers stats in O(statuses + types): prunes expired ids from every index and counts each with
 * ZCARD; a type whose index has emptied leaves the set of types.
 */
final class TaskCounting {

    private final RedisKeys keys;

    TaskCounting(RedisKeys keys) {
        this.keys = keys;
    }

    TaskStats stats(UnifiedJedis client) {
        long now;
        Set<String> typeNames;
        try (AbstractPipeline pipeline = client.pipelined()) {
            Response<List<String>> time = RedisTime.time(pipeline);
            Response<Set<String>> types = pipeline.smembers(keys.types());
            pipeline.sync();
            now = RedisTime.millis(time.get());
            typeNames = types.get();
        }
        Response<Long> total;
        Map<TaskStatus, Response<Long>> byStatus = new EnumMap<>(TaskStatus.class);
        Map<TaskType, Response<Long>> byType = new HashMap<>();
        // One MULTI/EXEC snapshot: the total always equals the sum of the status counts.
        try (AbstractTransaction transaction = client.multi()) {
            total = prunedCount(transaction, keys.all(), now);
            for (TaskStatus status : TaskStatus.values()) {
                byStatus.put(status, prunedCount(transaction, keys.status(status), now));
            }
            for (String name : typeNames) {
                TaskType type = TaskType.of(name);
                byType.put(type, prunedCount(transaction, keys.type(type), now));
            }
            transaction.exec();
        }
        byType.forEach((type, count) -> {
            if (count.get() == 0) {
                LuaScripts.run(
                        client,
                        Script.FORGET_EMPTY_TYPE,
                        List.of(keys.type(type), keys.types()),
                        List.of(type.value()));
            }
        });
        return new TaskStats(total.get(), counts(byType), counts(byStatus));
    }

    private static Response<Long> prunedCount(AbstractTransaction transaction, String index, long now) {
        transaction.zremrangeByScore(index, "-inf", String.valueOf(now));
        return transaction.zcard(index);
    }

    private static <K> Map<K, Long> counts(Map<K, Response<Long>> responses) {
        Map<K, Long> counts = new HashMap<>();
        responses.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }
}
