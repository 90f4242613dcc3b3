package dev.taskregistry.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A task's place in a listing. The natural order is the listing order: the latest {@code expires_at}
 * first, ties broken by id, descending, exactly as a Redis sorted set scored by expiry lists in reverse.
 */
public record ListingKey(Instant expiresAt, TaskId id) implements Comparable<ListingKey> {

    public ListingKey {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public int compareTo(ListingKey other) {
        int byExpiry = other.expiresAt.compareTo(expiresAt);
        return byExpiry != 0 ? byExpiry : other.id.compareTo(id);
    }
}
