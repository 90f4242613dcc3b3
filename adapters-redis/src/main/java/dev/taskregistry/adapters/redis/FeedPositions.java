package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.FeedPosition;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import redis.clients.jedis.StreamEntryID;

/**
 * The feed positions of one registry: an entry id of its events stream and a tag naming the stream
 * ({@code <ms>-<seq>.<crc32 of the stream key>}), so that a position of another registry, or no stream id at
 * all, is recognised as one this feed never issued.
 */
final class FeedPositions {

    /** Before every entry: the head of a stream that has none yet. */
    static final StreamEntryID BEFORE_ALL = new StreamEntryID(0, 0);

    private static final Pattern STREAM_ID = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

    private final String tag;

    FeedPositions(String streamKey) {
        CRC32 crc = new CRC32();
        crc.update(streamKey.getBytes(StandardCharsets.UTF_8));
        this.tag = HexFormat.of().toHexDigits((int) crc.getValue());
    }

    FeedPosition of(StreamEntryID id) {
        return FeedPosition.of(id + "." + tag);
    }

    /** The stream id of a position this feed issued; empty for any other position. */
    Optional<StreamEntryID> idOf(FeedPosition position) {
        String value = position.value();
        int dot = value.lastIndexOf('.');
        if (dot < 0 || !value.substring(dot + 1).equals(tag)) {
            return Optional.empty();
        }
        Matcher id = STREAM_ID.matcher(value.substring(0, dot));
        if (!id.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StreamEntryID(Long.parseLong(id.group(1)), Long.parseLong(id.group(2))));
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }
}
