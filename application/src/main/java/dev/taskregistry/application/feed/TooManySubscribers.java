package dev.taskregistry.application.feed;

/**
 * This worker already serves as many feed subscribers (streams and waiting polls) as it is configured for; the
 * client should retry later or on another worker. Not a store problem: the store may be fine.
 */
public final class TooManySubscribers extends RuntimeException {

    private final int limit;

    public TooManySubscribers(int limit) {
        super("this worker already serves its maximum of " + limit + " feed subscribers; retry later");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
