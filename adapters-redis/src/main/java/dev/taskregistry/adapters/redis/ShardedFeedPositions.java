package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.FeedPosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import redis.clients.jedis.StreamEntryID;

/**
 * The feed positions of a sharded registry: one stream id per shard, written compactly as
 * {@code <tag>.<base>.<shard 0>.<shard 1>...}. The tag is the CRC-32 of the registry's prefix and shard count, so a
 * position of another registry, of another shard count, or of the unsharded feed is recognised as never issued
 * here. The base is the greatest millisecond of the ids, and each shard's id is written as how many milliseconds
 * it lies before the base, then {@code -<sequence>} unless that is 0; both in base 62. A shard whose stream had
 * no entry yet ({@code 0-0}) is written as nothing. Sixteen busy shards take about 110 characters.
 */
final class ShardedFeedPositions {

    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final String tag;
    private final int shards;

    ShardedFeedPositions(ShardLayout layout) {
        CRC32 crc = new CRC32();
        crc.update((layout.prefix() + "/" + layout.count()).getBytes(StandardCharsets.UTF_8));
        this.tag = HexFormat.of().toHexDigits((int) crc.getValue());
        this.shards = layout.count();
    }

    /** @throws IllegalStateException when the ids do not fit in a position (shards idle for many years) */
    FeedPosition of(ShardCursors cursors) {
        long base = 0;
        for (StreamEntryID id : cursors.ids()) {
            base = Math.max(base, id.getTime());
        }
        StringBuilder value = new StringBuilder(tag).append('.').append(digits(base));
        for (StreamEntryID id : cursors.ids()) {
            value.append('.');
            if (!FeedPositions.BEFORE_ALL.equals(id)) {
                value.append(digits(base - id.getTime()));
                if (id.getSequence() != 0) {
                    value.append('-').append(digits(id.getSequence()));
                }
            }
        }
        if (value.length() > FeedPosition.MAX_LENGTH) {
            throw new IllegalStateException("the feed position of " + cursors + " takes " + value.length()
                    + " characters, more than the " + FeedPosition.MAX_LENGTH + " a position may have");
        }
        return FeedPosition.of(value.toString());
    }

    /** The cursors of a position this feed issued; empty for any other position. */
    Optional<ShardCursors> cursorsOf(FeedPosition position) {
        String[] parts = position.value().split("\\.", -1);
        if (parts.length != shards + 2 || !parts[0].equals(tag)) {
            return Optional.empty();
        }
        try {
            long base = number(parts[1]);
            List<StreamEntryID> ids = new ArrayList<>(shards);
            for (int k = 0; k < shards; k++) {
                ids.add(id(base, parts[k + 2]));
            }
            return Optional.of(new ShardCursors(ids));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private static StreamEntryID id(long base, String part) {
        if (part.isEmpty()) {
            return FeedPositions.BEFORE_ALL;
        }
        int dash = part.indexOf('-');
        long before = number(dash < 0 ? part : part.substring(0, dash));
        long sequence = dash < 0 ? 0 : number(part.substring(dash + 1));
        if (before > base) {
            throw new IllegalArgumentException("before the epoch");
        }
        return new StreamEntryID(base - before, sequence);
    }

    private static String digits(long number) {
        if (number == 0) {
            return "0";
        }
        StringBuilder digits = new StringBuilder();
        for (long rest = number; rest > 0; rest /= DIGITS.length()) {
            digits.append(DIGITS.charAt((int) (rest % DIGITS.length())));
        }
        return digits.reverse().toString();
    }

    private static long number(String digits) {
        if (digits.isEmpty() || digits.length() > 10) {
            // Ten base-62 digits exceed any millisecond or sequence Redis issues before the year 30000.
            throw new IllegalArgumentException("not a number");
        }
        long number = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = DIGITS.indexOf(digits.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("not a digit");
            }
            number = number * DIGITS.length() + digit;
        }
        return number;
    }
}
