package dev.taskregistry.adapters.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.Tuple;

/**
 * The reads a listing makes of several shards at once, each kind in one round trip: pipelined on one server, and
 * on Redis Cluster one pipeline per node (Jedis' cluster pipeline groups the commands by node). A single shard is
 * called directly, exactly as an unsharded registry always was.
 */
final class ShardCalls {

    private ShardCalls() {}

    /**
     * A read of index entries: at most {@code count}, scored at most {@code from} and after {@code now}, in reverse
     * score order.
     */
    record Range(String index, IndexPosition from, int count, long now) {

        ZRangeParams params() {
            return new ZRangeParams(Protocol.Keyword.BYSCORE, from.maxScore(), "(" + now)
                    .rev()
                    .limit(0, count);
        }
    }

    /** The entries of each range, in the order of the ranges. */
    static List<List<Tuple>> ranges(UnifiedJedis client, List<Range> ranges) {
        if (ranges.size() == 1) {
            Range range = ranges.getFirst();
            return List.of(client.zrangeWithScores(range.index(), range.params()));
        }
        List<Response<List<Tuple>>> replies = new ArrayList<>(ranges.size());
        try (AbstractPipeline pipeline = Pipelines.open(client)) {
            for (Range range : ranges) {
                replies.add(pipeline.zrangeWithScores(range.index(), range.params()));
            }
            pipeline.sync();
        }
        return replies.stream().map(LuaScripts::reply).toList();
    }

    /**
     * The documents at {@code taskKeys} (null where there is none), in their order: one MGET per shard, since an
     * MGET may name keys of one slot only.
     */
    static List<String> documents(UnifiedJedis client, List<String> taskKeys) {
        Map<String, List<Integer>> byShard = new LinkedHashMap<>();
        for (int i = 0; i < taskKeys.size(); i++) {
            byShard.computeIfAbsent(tagOf(taskKeys.get(i)), tag -> new ArrayList<>())
                    .add(i);
        }
        if (byShard.size() == 1) {
            return client.mget(taskKeys.toArray(String[]::new));
        }
        List<List<Integer>> groups = List.copyOf(byShard.values());
        List<Response<List<String>>> replies = new ArrayList<>(groups.size());
        try (AbstractPipeline pipeline = Pipelines.open(client)) {
            for (List<Integer> group : groups) {
                replies.add(pipeline.mget(group.stream().map(taskKeys::get).toArray(String[]::new)));
            }
            pipeline.sync();
        }
        List<String> documents = new ArrayList<>(taskKeys.size());
        taskKeys.forEach(key -> documents.add(null));
        for (int g = 0; g < groups.size(); g++) {
            List<String> read = LuaScripts.reply(replies.get(g));
            List<Integer> group = groups.get(g);
            for (int i = 0; i < group.size(); i++) {
                documents.set(group.get(i), read.get(i));
            }
        }
        return documents;
    }

    /** The hash tag of a registry key, braces included: every key of the registry starts with its shard's. */
    private static String tagOf(String key) {
        return key.substring(0, key.indexOf('}') + 1);
    }
}
