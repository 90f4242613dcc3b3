package dev.taskregistry.domain;

import java.util.Objects;

/**
 * Where the next page of a listing starts: just after the last task of the previous page. Keyset
 * paging, so a walk sees every task that stays live exactly once even while others are added. How a
 * cursor travels to clients and back (an opaque, checked token) is the protocol adapter's business.
 */
public record PageCursor(ListingKey after) {

    public PageCursor {
        Objects.requireNonNull(after, "after");
    }

    public static PageCursor after(Task task) {
        return new PageCursor(task.listingKey());
    }
}
