package dev.taskregistry.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the next page of a listing starts: just after the last task of the previous page. Keyset
 * paging, so a walk sees every task that stays live exactly once even while others are added.
 * Clients see it as an opaque token.
 */
public record PageCursor(ListingKey after) {

    private static final String VERSION = "v1";
    private static final int PARTS = 3;

    public static PageCursor after(Task task) {
        return new PageCursor(task.listingKey());
    }

    public String encode() {
        String plain = VERSION + ":" + after.expiresAt().toEpochMilli() + ":" + after.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a token made by {@link #encode()}; anything else fails naming the {@code cursor} field. */
    public static PageCursor decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":", PARTS);
            if (parts.length != PARTS || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            return new PageCursor(new ListingKey(expiresAt, TaskId.of(parts[2])));
        } catch (IllegalArgumentException | InvalidTaskField | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static InvalidTaskField invalid() {
        return new InvalidTaskField("cursor", "is not a cursor this service issued; start again without a cursor");
    }
}
