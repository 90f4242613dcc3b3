package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.adapters.redis.LuaScripts.ScriptCall;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * Answers a listing in O(S x (log N + page)) over the registry's S shards: walks, in every shard, the narrowest
 * index the filter names in reverse score order (expires_at, then id, descending: the {@code ListingKey} order)
 * from the same cursor, merges the shards' entries, and reads only the documents of the entries it chose. Each
 * step is one round trip for all shards together ({@link ShardCalls}): the pruning, each wave of index entries,
 * each read of documents; with one shard that is today's three calls.
 */
final class TaskListing {

    private static final int MAX_BATCH = 2 * PageRequest.MAX_LIMIT;
    private static final Comparator<Tuple> LISTING_ORDER =
            Comparator.comparingDouble(Tuple::getScore).thenComparing(Tuple::getElement);

    private final List<RedisKeys> shards;
    private final TaskDocumentCodec codec;
    private final TaskCounting counting;

    TaskListing(List<RedisKeys> shards, TaskDocumentCodec codec, TaskCounting counting) {
        this.shards = List.copyOf(shards);
        this.codec = codec;
        this.counting = counting;
    }

    TaskPage list(UnifiedJedis client, TaskFilter filter, PageRequest page) {
        IndexPosition from = page.cursor().map(IndexPosition::after).orElse(IndexPosition.TOP);
        List<ShardWalk> walks = prunedWalks(client, filter, from);
        int wanted = page.limit() + 1;
        List<Task> matching = new ArrayList<>();
        int take = wanted;
        while (matching.size() < wanted) {
            fill(client, walks, take);
            List<Chosen> chosen = merge(walks, take);
            if (chosen.isEmpty()) {
                break;
            }
            collect(client, chosen, filter, matching, wanted);
            // A filter the walked index does not decide (type and status) may reject many: walk on in larger steps.
            take = Math.min(Math.max(take * 2, wanted - matching.size()), MAX_BATCH);
        }
        return TaskPage.of(matching, page.limit());
    }

    /** One walk per shard, each index pruned and Redis' time read in one call per shard. */
    private List<ShardWalk> prunedWalks(UnifiedJedis client, TaskFilter filter, IndexPosition from) {
        List<String> indexes = shards.stream()
                .map(keys -> filter.status()
                        .map(keys::status)
                        .or(() -> filter.type().map(keys::type))
                        .orElse(keys.all()))
                .toList();
        List<ScriptCall> prunings = new ArrayList<>();
        for (int k = 0; k < shards.size(); k++) {
            prunings.add(RedisTime.pruning(indexes.get(k), shards.get(k).all()));
        }
        List<RedisTime.Pruning> pruned = RedisTime.pruneExpired(client, prunings);
        // Prunes the index walked once, in the call that reads "now", so the walk never meets an expired id;
        // expired ids still in idx:all are owed their event: the counting script emits it and prunes all.
        List<RedisKeys> owing = new ArrayList<>();
        List<ShardWalk> walks = new ArrayList<>();
        for (int k = 0; k < shards.size(); k++) {
            if (pruned.get(k).owedExpiries() > 0) {
                owing.add(shards.get(k));
            }
            walks.add(new ShardWalk(
                    shards.get(k), indexes.get(k), from, pruned.get(k).now()));
        }
        if (!owing.isEmpty()) {
            counting.count(client, owing);
        }
        return walks;
    }

    /** Reads index entries until every walk that is not at its end holds at least {@code take} unread ones. */
    private static void fill(UnifiedJedis client, List<ShardWalk> walks, int take) {
        while (true) {
            List<ShardWalk> behind =
                    walks.stream().filter(walk -> walk.needsMore(take)).toList();
            if (behind.isEmpty()) {
                return;
            }
            List<List<Tuple>> ranges = ShardCalls.ranges(
                    client, behind.stream().map(walk -> walk.nextRange(take)).toList());
            for (int i = 0; i < behind.size(); i++) {
                behind.get(i).took(ranges.get(i));
            }
        }
    }

    /** The next {@code take} entries in listing order over all shards, each taken from its walk. */
    private static List<Chosen> merge(List<ShardWalk> walks, int take) {
        List<Chosen> chosen = new ArrayList<>();
        while (chosen.size() < take) {
            ShardWalk first = null;
            for (ShardWalk walk : walks) {
                if (walk.hasUnread() && (first == null || LISTING_ORDER.compare(walk.peek(), first.peek()) > 0)) {
                    first = walk;
                }
            }
            if (first == null) {
                break;
            }
            chosen.add(new Chosen(first, first.poll()));
        }
        return chosen;
    }

    private void collect(UnifiedJedis client, List<Chosen> chosen, TaskFilter filter, List<Task> matching, int wanted) {
        List<String> docs = ShardCalls.documents(
                client,
                chosen.stream()
                        .map(entry -> entry.walk().keys().task(idOf(entry.entry())))
                        .toList());
        List<Chosen> missing = new ArrayList<>();
        for (int i = 0; i < chosen.size() && matching.size() < wanted; i++) {
            Tuple entry = chosen.get(i).entry();
            if (docs.get(i) == null) {
                missing.add(chosen.get(i));
                continue;
            }
            Instant scored = Instant.ofEpochMilli((long) entry.getScore());
            // A document whose expiry moved since the range read sits elsewhere in the order now; the walk
            // meets it there (or has passed it), so taking it here could list it twice.
            codec.decode(docs.get(i), () -> Optional.of(scored))
                    .filter(task -> task.expiresAt().equals(scored) && filter.matches(task))
                    .ifPresent(matching::add);
        }
        for (ShardWalk walk : walks(missing)) {
            forgetMissing(
                    client,
                    walk,
                    missing.stream()
                            .filter(entry -> entry.walk() == walk)
                            .map(entry -> entry.entry().getElement())
                            .toList());
        }
    }

    private static List<ShardWalk> walks(List<Chosen> entries) {
        return entries.stream().map(Chosen::walk).distinct().toList();
    }

    private static void forgetMissing(UnifiedJedis client, ShardWalk walk, List<String> ids) {
        RedisKeys keys = walk.keys();
        List<String> scriptKeys =
                new ArrayList<>(ids.stream().map(id -> keys.task(TaskId.of(id))).toList());
        scriptKeys.addAll(keys.sharedIndexes());
        if (!scriptKeys.contains(walk.index())) {
            scriptKeys.add(walk.index());
        }
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(ids.size()));
        args.addAll(ids);
        LuaScripts.run(client, Script.FORGET_MISSING, scriptKeys, args);
    }

    private static TaskId idOf(Tuple entry) {
        return TaskId.of(entry.getElement());
    }

    /** An index entry chosen for the page, and the walk it came from. */
    private record Chosen(ShardWalk walk, Tuple entry) {}
}
