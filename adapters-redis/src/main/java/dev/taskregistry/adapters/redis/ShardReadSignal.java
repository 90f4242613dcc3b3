package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskStoreUnavailable;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;

/**
 * What the reader of one shard of a sharded registry does with what it reads: wakes the merger, which reads every
 * shard below one fence (the reader's own entries could be told before an earlier one of another shard), and
 * tells the log of its outages.
 */
final class ShardReadSignal implements ChangeSink {

    private final int shard;
    private final ShardedChangeMerger merger;
    private final ShardedChangeLog log;

    ShardReadSignal(int shard, ShardedChangeMerger merger, ShardedChangeLog log) {
        this.shard = shard;
        this.merger = merger;
        this.log = log;
    }

    /** Also the reader's start: a change stored before its head may have come after the merger's last round. */
    @Override
    public void restartAt(StreamEntryID id) {
        log.reachable(shard);
        merger.wake();
    }

    @Override
    public void append(Map<StreamEntryID, TaskChange> read) {
        log.reachable(shard);
        merger.wake();
    }

    @Override
    public void unavailable(TaskStoreUnavailable failure) {
        log.unavailable(shard, failure);
    }

    @Override
    public void reachable() {
        log.reachable(shard);
    }
}
