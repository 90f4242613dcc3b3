package dev.taskregistry.adapters.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the change feed of one registry from its parts. */
final class ChangeFeeds {

    /** Entries per XREAD: at most the retention, so a batch that is not full proves nothing was trimmed. */
    private static final int MAX_READ_BATCH = 512;

    private ChangeFeeds() {}

    /** The feed of the registry {@code layout} describes: one stream, or one per shard. */
    static ClosableChangeFeed of(
            RedisConnection requests,
            RedisConnection reading,
            ShardLayout layout,
            TaskDocumentCodec codec,
            RedisFeedSettings settings) {
        return layout.sharded()
                ? sharded(requests, reading, layout, codec, settings)
                : of(requests, reading, layout.shard(0), codec, settings);
    }

    static RedisTaskChangeFeed of(
            RedisConnection requests,
            RedisConnection reading,
            RedisKeys keys,
            TaskDocumentCodec codec,
            RedisFeedSettings settings) {
        String key = keys.events();
        FeedPositions positions = new FeedPositions(key);
        ChangeEventDecoder decoder = new ChangeEventDecoder(codec, positions);
        StreamRetention retention = new StreamRetention(key, settings.retainedChanges());
        ChangeStream stream = new ChangeStream(requests, key, positions, decoder, retention);
        ChangeBuffer buffer = new ChangeBuffer(settings.bufferedChanges());
        ChangeStreamReader reader = reader(
                reading, key, stream, retention, decoder, buffer, settings, batch(settings, 1), reading != requests);
        return new RedisTaskChangeFeed(stream, reader, buffer, positions);
    }

    /**
     * Per shard the parts of the unsharded feed (stream, retention, decoder, a reader), the reader waking one
     * merger into one log instead of filling a buffer of its own.
     */
    private static ShardedTaskChangeFeed sharded(
            RedisConnection requests,
            RedisConnection reading,
            ShardLayout layout,
            TaskDocumentCodec codec,
            RedisFeedSettings settings) {
        List<String> keys = new ArrayList<>();
        List<FeedPositions> shardPositions = new ArrayList<>();
        List<ChangeEventDecoder> decoders = new ArrayList<>();
        List<StreamRetention> retentions = new ArrayList<>();
        List<ChangeStream> streams = new ArrayList<>();
        for (RedisKeys shard : layout.shards()) {
            String key = shard.events();
            FeedPositions positions = new FeedPositions(key);
            ChangeEventDecoder decoder = new ChangeEventDecoder(codec, positions);
            StreamRetention retention = new StreamRetention(key, settings.retainedPerShard(layout.count()));
            keys.add(key);
            shardPositions.add(positions);
            decoders.add(decoder);
            retentions.add(retention);
            streams.add(new ChangeStream(requests, key, positions, decoder, retention));
        }
        ShardedFeedPositions positions = new ShardedFeedPositions(layout);
        ShardedChangeStreams merged = new ShardedChangeStreams(requests, keys, streams, shardPositions, positions);
        ShardedChangeLog log = new ShardedChangeLog(settings.bufferedChanges());
        ShardedChangeMerger merger =
                new ShardedChangeMerger(requests, merged, retentions, decoders, log, batch(settings, layout));
        List<ChangeStreamReader> readers = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            readers.add(reader(
                    reading,
                    keys.get(k),
                    streams.get(k),
                    retentions.get(k),
                    decoders.get(k),
                    new ShardReadSignal(k, merger, log),
                    settings,
                    batch(settings, layout),
                    false));
        }
        return new ShardedTaskChangeFeed(merged, merger, readers, log, positions, reading, reading != requests);
    }

    private static ChangeStreamReader reader(
            RedisConnection reading,
            String key,
            ChangeStream stream,
            StreamRetention retention,
            ChangeEventDecoder decoder,
            ChangeSink sink,
            RedisFeedSettings settings,
            int batch,
            boolean ownsConnection) {
        Duration block = settings.readBlock();
        return new ChangeStreamReader(reading, ownsConnection, stream, key, retention, decoder, sink, block, batch);
    }

    /** Entries per XREAD of one shard's stream: at most what it retains (see MAX_READ_BATCH). */
    private static int batch(RedisFeedSettings settings, ShardLayout layout) {
        return batch(settings, layout.count());
    }

    private static int batch(RedisFeedSettings settings, int shards) {
        return Math.min(MAX_READ_BATCH, settings.retainedPerShard(shards));
    }
}
