package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskStoreUnavailable;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;

/** Where a {@link ChangeStreamReader} hands what it reads: the process' {@link ChangeBuffer}, or a shard's signal. */
interface ChangeSink {

    /** The reader continues after {@code id}: its first read, or after a gap in the stream. */
    void restartAt(StreamEntryID id);

    /** Entries the reader read, in order. */
    void append(Map<StreamEntryID, TaskChange> read);

    /** The reader cannot reach Redis. */
    void unavailable(TaskStoreUnavailable failure);

    /** The reader reached Redis again, with nothing new to read. */
    void reachable();
}
