package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.Tuple;

/**
 * Answers a listing in O(log N + page): walks the narrowest index the filter names in reverse score
 * order (expires_at, then id, descending: the {@code ListingKey} order) from the cursor, fetching the
 * documents of each batch with one MGET.
 */
final class TaskListing {

    private static final int MAX_BATCH = 2 * PageRequest.MAX_LIMIT;

    private final RedisKeys keys;
    private final TaskDocumentCodec codec;
    private final TaskCounting counting;

    TaskListing(RedisKeys keys, TaskDocumentCodec codec, TaskCounting counting) {
        this.keys = keys;
        this.codec = codec;
        this.counting = counting;
    }

    TaskPage list(UnifiedJedis client, TaskFilter filter, PageRequest page) {
        String index = filter.status()
                .map(keys::status)
                .or(() -> filter.type().map(keys::type))
                .orElse(keys.all());
        int wanted = page.limit() + 1;
        // Prunes the index walked once, in the call that reads "now", so the walk never meets an expired id.
        RedisTime.Pruning pruning = RedisTime.pruneExpired(client, index, keys.all());
        if (pruning.owedExpiries() > 0) {
            // Expired ids still in idx:all are owed their event: the counting script emits it and prunes all.
            counting.stats(client);
        }
        long now = pruning.now();
        IndexPosition from = page.cursor().map(IndexPosition::after).orElse(IndexPosition.TOP);
        List<Task> matching = new ArrayList<>();
        int batch = wanted;
        while (matching.size() < wanted) {
            List<Tuple> entries = range(client, index, from, batch, now);
            List<Tuple> unseen = entries.stream().filter(from::precedes).toList();
            if (unseen.isEmpty() && entries.size() == batch) {
                // The whole batch shared the position's score and was seen already: look further.
                batch *= 2;
                continue;
            }
            collect(client, unseen, filter, index, matching, wanted);
            if (entries.size() < batch) {
                break;
            }
            from = IndexPosition.of(unseen.getLast());
            batch = Math.min(batch * 2, MAX_BATCH);
        }
        return TaskPage.of(matching, page.limit());
    }

    private static List<Tuple> range(UnifiedJedis client, String index, IndexPosition from, int count, long now) {
        return client.zrangeWithScores(
                index,
                new ZRangeParams(Protocol.Keyword.BYSCORE, from.maxScore(), "(" + now)
                        .rev()
                        .limit(0, count));
    }

    private void collect(
            UnifiedJedis client,
            List<Tuple> entries,
            TaskFilter filter,
            String index,
            List<Task> matching,
            int wanted) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> docs = client.mget(
                entries.stream().map(entry -> keys.task(idOf(entry))).toArray(String[]::new));
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < entries.size() && matching.size() < wanted; i++) {
            Tuple entry = entries.get(i);
            if (docs.get(i) == null) {
                missing.add(entry.getElement());
                continue;
            }
            Instant scored = Instant.ofEpochMilli((long) entry.getScore());
            // A document whose expiry moved since the range read sits elsewhere in the order now; the walk
            // meets it there (or has passed it), so taking it here could list it twice.
            codec.decode(docs.get(i), () -> Optional.of(scored))
                    .filter(task -> task.expiresAt().equals(scored) && filter.matches(task))
                    .ifPresent(matching::add);
        }
        if (!missing.isEmpty()) {
            forgetMissing(client, missing, index);
        }
    }

    private void forgetMissing(UnifiedJedis client, List<String> ids, String walkedIndex) {
        List<String> scriptKeys =
                new ArrayList<>(ids.stream().map(id -> keys.task(TaskId.of(id))).toList());
        scriptKeys.addAll(keys.sharedIndexes());
        if (!scriptKeys.contains(walkedIndex)) {
            scriptKeys.add(walkedIndex);
        }
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(ids.size()));
        args.addAll(ids);
        LuaScripts.run(client, Script.FORGET_MISSING, scriptKeys, args);
    }

    private static TaskId idOf(Tuple entry) {
        return TaskId.of(entry.getElement());
    }
}
