package dev.taskregistry.adapters.redis;

import java.util.List;
import java.util.function.BiFunction;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * A cursor walk over the ids of one shard, for the shard migration only (an offline tool; no request path scans):
 * ZSCAN of an index, or SCAN of the shard's task documents ({@code <tag>:task:*}, whose hash tag makes Jedis send
 * it to the master of that slot on Redis Cluster). Either may answer an id twice when the set changes meanwhile,
 * and misses none that is there from start to end. Each step changes nothing, so a step may be repeated.
 */
final class ShardScan {

    /** Ids per step asked of Redis (a hint: ZSCAN of a small set answers all of it at once). */
    static final int BATCH = 1000;

    private final String what;
    private final BiFunction<UnifiedJedis, String, Page> step;

    private ShardScan(String what, BiFunction<UnifiedJedis, String, Page> step) {
        this.what = what;
        this.step = step;
    }

    /** One step: the ids found (possibly none) and where the next step resumes. */
    record Page(List<String> ids, String cursor) {

        static final String START = ScanParams.SCAN_POINTER_START;

        boolean last() {
            return START.equals(cursor);
        }
    }

    /** The members of a sorted-set index. */
    static ShardScan index(String index) {
        ScanParams params = new ScanParams().count(BATCH);
        return new ShardScan(index, (client, cursor) -> {
            ScanResult<Tuple> batch = client.zscan(index, cursor, params);
            return new Page(batch.getResult().stream().map(Tuple::getElement).toList(), batch.getCursor());
        });
    }

    /** The ids of the shard's task documents, indexed or not. */
    static ShardScan documents(RedisKeys shard) {
        String keyStart = shard.tag() + ":task:";
        ScanParams params = new ScanParams().match(keyStart + "*").count(BATCH);
        return new ShardScan(keyStart + "*", (client, cursor) -> {
            ScanResult<String> batch = client.scan(cursor, params);
            return new Page(
                    batch.getResult().stream()
                            .map(key -> key.substring(keyStart.length()))
                            .toList(),
                    batch.getCursor());
        });
    }

    /** What is walked, for messages. */
    String what() {
        return what;
    }

    /** The step from {@code cursor}, {@link Page#START} first. */
    Page page(UnifiedJedis client, String cursor) {
        return step.apply(client, cursor);
    }

    /** True when the walk finds at least one id. */
    boolean findsAny(UnifiedJedis client) {
        Page page = page(client, Page.START);
        while (page.ids().isEmpty() && !page.last()) {
            page = page(client, page.cursor());
        }
        return !page.ids().isEmpty();
    }
}
