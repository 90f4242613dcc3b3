package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskStoreUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * This process' one merger of a sharded registry's streams into its {@link ShardedChangeLog}: a virtual thread
 * that, each time a shard's reader signals a change, reads the fence ({@link ShardedChangeStreams#fence}), then
 * every shard after what it read before (one round trip per node), and releases the changes below the fence in
 * merged order; those above wait for the next round, which follows at once. So changes are released in the order
 * a full replay tells them, and each shard's change in that shard's order. A change whose id stays above the
 * fence for {@link #MAX_HOLDING_ROUNDS} rounds (a master's clock ahead of the fence's, or one stepped back) is
 * released anyway: it is late rather than held until the clocks agree.
 */
final class ShardedChangeMerger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ShardedChangeMerger.class.getName());
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
    private static final Duration JOIN_PATIENCE = Duration.ofSeconds(5);
    private static final int MAX_HOLDING_ROUNDS = 100;

    private final RedisConnection connection;
    private final ShardedChangeStreams streams;
    private final List<StreamRetention> retentions;
    private final List<ChangeEventDecoder> decoders;
    private final ShardedChangeLog log;
    private final int batch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private final TreeMap<MergeKey, TaskChange> held = new TreeMap<>();
    private boolean woken = true;
    private Thread thread;
    private volatile boolean closed;
    private ShardCursors read;
    private int holdingRounds;

    /**
     * Reads {@code batch} entries at most per shard and round, no more than a stream retains: a shard's batch that
     * is not full then proves that nothing after its cursor was trimmed; a full one is checked.
     */
    ShardedChangeMerger(
            RedisConnection connection,
            ShardedChangeStreams streams,
            List<StreamRetention> retentions,
            List<ChangeEventDecoder> decoders,
            ShardedChangeLog log,
            int batch) {
        this.connection = connection;
        this.streams = streams;
        this.retentions = List.copyOf(retentions);
        this.decoders = List.copyOf(decoders);
        this.log = log;
        this.batch = batch;
    }

    /** Starts the merger unless it runs already; it merges from the shards' heads at that moment. */
    void start() {
        lock.lock();
        try {
            if (thread == null && !closed) {
                thread = Thread.ofVirtual().name("redis-change-feed merger").start(this::run);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A shard has a change (or its reader started): merge again. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            running = thread;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(JOIN_PATIENCE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        while (!closed) {
            try {
                if (!awaitSignal()) {
                    return;
                }
                if (read == null) {
                    read = connection.call("change feed merger", streams::heads);
                    log.startAt(read);
                }
                if (mergeOnce()) {
                    wake();
                }
                log.reachable(ShardedChangeLog.MERGER);
                pause = FIRST_PAUSE;
            } catch (TaskStoreUnavailable outage) {
                if (closed) {
                    return;
                }
                log.unavailable(ShardedChangeLog.MERGER, outage);
                pause = pauseAfterFailure(pause);
            } catch (RuntimeException broken) {
                if (closed) {
                    return;
                }
                LOG.log(Level.WARNING, "the change feed merger failed; merging again", broken);
                log.unavailable(
                        ShardedChangeLog.MERGER,
                        new TaskStoreUnavailable("the change feed cannot be read: " + broken.getMessage(), broken));
                pause = pauseAfterFailure(pause);
            }
        }
    }

    /** Waits for a signal; false when closed. */
    private boolean awaitSignal() {
        lock.lock();
        try {
            while (!woken && !closed) {
                signalled.awaitUninterruptibly();
            }
            // Cleared before the fence is read: a change signalled from here on is merged by another round.
            woken = false;
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** One round; true when another should follow at once (changes held above the fence, or a full batch). */
    private boolean mergeOnce() {
        StreamEntryID fence = connection.call("change feed merger", streams::fence);
        ShardCursors from = read;
        List<List<StreamEntry>> entries =
                connection.call("change feed merger", client -> streams.after(client, from, batch));
        StreamEntryID readAll = null;
        boolean more = false;
        for (int k = 0; k < entries.size(); k++) {
            List<StreamEntry> shard = entries.get(k);
            if (shard.isEmpty()) {
                continue;
            }
            StreamEntryID newest = shard.getLast().getID();
            int number = k;
            if (shard.size() == batch) {
                more = true;
                if (connection.call(
                        "change feed merger", client -> retentions.get(number).lostAfter(client, from.get(number)))) {
                    // Trimmed before it was read: subscribers behind `newest` read the stream, which reports the gap.
                    held.keySet().removeIf(key -> key.shard() == number);
                    log.restartShard(k, newest);
                    read = read.with(k, newest);
                    continue;
                }
                // Later entries of this shard are not read yet: nothing after its newest may be released.
                readAll = readAll == null || newest.compareTo(readAll) < 0 ? newest : readAll;
            }
            for (StreamEntry entry : shard) {
                held.put(new MergeKey(entry.getID(), k), decoders.get(k).decode(entry));
            }
            read = read.with(k, newest);
        }
        List<Map.Entry<MergeKey, TaskChange>> released = releasable(fence, readAll);
        log.release(released);
        holdingRounds = held.isEmpty() || !released.isEmpty() ? 0 : holdingRounds + 1;
        return more || !held.isEmpty();
    }

    private List<Map.Entry<MergeKey, TaskChange>> releasable(StreamEntryID fence, StreamEntryID readAll) {
        boolean heldTooLong = holdingRounds >= MAX_HOLDING_ROUNDS;
        List<Map.Entry<MergeKey, TaskChange>> released = new ArrayList<>();
        while (!held.isEmpty()) {
            MergeKey first = held.firstKey();
            boolean belowFence = first.id().compareTo(fence) < 0 || heldTooLong;
            if (!belowFence || (readAll != null && first.id().compareTo(readAll) > 0)) {
                break;
            }
            released.add(held.pollFirstEntry());
        }
        return released;
    }

    private Duration pauseAfterFailure(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException closing) {
            // close() interrupts; the loop then ends.
        }
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
    }
}
