package dev.taskregistry.application.feed;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The most feed subscribers (event streams and waiting polls) one worker serves at once: each holds a feed
 * subscription and a virtual thread until it goes, so an unbounded number would let clients exhaust a worker.
 */
public final class SubscriberLimit {

    private final int limit;
    private final Semaphore places;

    /** @throws IllegalArgumentException unless {@code limit >= 1} */
    public SubscriberLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.places = new Semaphore(limit);
    }

    /**
     * A place for one more subscriber, held until the admission is closed.
     *
     * @throws TooManySubscribers when every place is taken
     */
    public Admission admit() {
        if (!places.tryAcquire()) {
            throw new TooManySubscribers(limit);
        }
        return new Admission(places);
    }

    /** How many subscribers hold a place now. */
    public int admitted() {
        return limit - places.availablePermits();
    }

    public int limit() {
        return limit;
    }

    /** One subscriber's place; closing it gives the place back, once, however often it is closed. */
    public static final class Admission implements AutoCloseable {

        private final Semaphore places;
        private final AtomicBoolean released = new AtomicBoolean();

        private Admission(Semaphore places) {
            this.places = places;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                places.release();
            }
        }
    }
}
