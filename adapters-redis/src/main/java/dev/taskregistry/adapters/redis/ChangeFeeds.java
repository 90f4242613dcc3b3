package dev.taskregistry.adapters.redis;

import java.time.Duration;

/** Builds the change feed of one registry from its parts. */
final class ChangeFeeds {

    /** Entries per XREAD: at most the retention, so a batch that is not full proves nothing was trimmed. */
    private static final int MAX_READ_BATCH = 512;

    private ChangeFeeds() {}

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
        Duration block = settings.readBlock();
        ChangeStreamReader reader = new ChangeStreamReader(
                reading,
                reading != requests,
                stream,
                key,
                retention,
                decoder,
                buffer,
                block,
                Math.min(MAX_READ_BATCH, settings.retainedChanges()));
        return new RedisTaskChangeFeed(stream, reader, buffer, positions);
    }
}
