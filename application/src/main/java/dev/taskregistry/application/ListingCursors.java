package dev.taskregistry.application;

import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.ListingKey;
import dev.taskregistry.domain.PageCursor;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The text of a listing's next-page cursor, for every protocol adapter (REST's {@code next_cursor}, MCP's
 * {@code nextCursor}): where the next page starts and the filter it belongs to,
 * followed by a check (SHA-256 of the rest, cut to 16 bytes), in URL-safe Base64. Truncated, edited or
 * foreign text fails the check, and a cursor offered with another filter is refused, both naming
 * the cursor, instead of silently starting a page somewhere else. The check is unkeyed, so every
 * worker reads every other worker's cursors without sharing a secret: cursors are tamper-evident, not
 * secret, and a made-up cursor can only start a page where paging could start one anyway.
 */
public final class ListingCursors {

    private static final String VERSION = "2";
    private static final char SEPARATOR = ':';
    private static final int PARTS = 5;
    private static final int CHECK_BYTES = 16;
    /** Far above the longest token (128-character id, 64-character type): about 320 characters. */
    private static final int MAX_LENGTH = 512;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ListingCursors() {}

    /** The token of {@code cursor} for a listing with {@code filter}. */
    public static String encode(PageCursor cursor, TaskFilter filter) {
        String payload = String.join(
                String.valueOf(SEPARATOR),
                VERSION,
                Long.toString(cursor.after().expiresAt().toEpochMilli()),
                cursor.after().id().value(),
                statusOf(filter),
                typeOf(filter));
        byte[] plain = payload.getBytes(StandardCharsets.US_ASCII);
        byte[] token = Arrays.copyOf(plain, plain.length + CHECK_BYTES);
        System.arraycopy(check(plain), 0, token, plain.length, CHECK_BYTES);
        return ENCODER.encodeToString(token);
    }

    /**
     * The cursor of a token made by {@link #encode} for the same filter.
     *
     * @throws InvalidTaskField naming {@link TaskField#CURSOR} for any other text, or a token of another filter
     */
    public static PageCursor decode(String token, TaskFilter filter) {
        String[] parts = intactParts(token);
        if (!parts[3].equals(statusOf(filter)) || !parts[4].equals(typeOf(filter))) {
            throw new InvalidTaskField(
                    TaskField.CURSOR,
                    "belongs to a listing with another status or type filter; repeat the"
                            + " status and type of the request that returned it, or start again without a cursor");
        }
        try {
            return new PageCursor(new ListingKey(Instant.ofEpochMilli(Long.parseLong(parts[1])), TaskId.of(parts[2])));
        } catch (NumberFormatException | DateTimeException | InvalidTaskField e) {
            throw damaged();
        }
    }

    private static String[] intactParts(String token) {
        if (token.length() > MAX_LENGTH) {
            throw damaged();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw damaged();
        }
        // Re-encoding must give the same text: Base64 ignores some bits of the last character, and an edit
        // there would otherwise pass unnoticed.
        if (bytes.length <= CHECK_BYTES || !ENCODER.encodeToString(bytes).equals(token)) {
            throw damaged();
        }
        byte[] plain = Arrays.copyOf(bytes, bytes.length - CHECK_BYTES);
        byte[] check = Arrays.copyOfRange(bytes, plain.length, bytes.length);
        if (!MessageDigest.isEqual(check, Arrays.copyOf(check(plain), CHECK_BYTES))) {
            throw damaged();
        }
        String[] parts = new String(plain, StandardCharsets.US_ASCII).split(String.valueOf(SEPARATOR), -1);
        if (parts.length != PARTS || !VERSION.equals(parts[0])) {
            throw damaged();
        }
        return parts;
    }

    private static byte[] check(byte[] plain) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(plain);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static String statusOf(TaskFilter filter) {
        return filter.status()
                .map(status -> status.name().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    private static String typeOf(TaskFilter filter) {
        return filter.type().map(TaskType::value).orElse("");
    }

    private static InvalidTaskField damaged() {
        return new InvalidTaskField(
                TaskField.CURSOR,
                "is not a cursor this service issued (it may have been cut short or"
                        + " changed); pass next_cursor back unchanged, or start again without a cursor");
    }
}
