package dev.taskregistry.domain.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * The time a repository under test follows: an injectable clock it can move, or the real time of a
 * store that expires keys by itself. Lets one contract suite test expiry for both kinds.
 */
public interface StoreTime {

    Instant now();

    /** Returns once the store regards {@code instant} as past. */
    void passBeyond(Instant instant);

    /** A lifetime short enough to wait out in a test, long enough to do a few calls first. */
    Duration shortLifetime();

    /** Real time: sleeps until the instant has passed, with a margin for the store's own clock. */
    static StoreTime realTime(Duration shortLifetime, Duration margin) {
        return new StoreTime() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void passBeyond(Instant instant) {
                long waitMillis =
                        Duration.between(Instant.now(), instant.plus(margin)).toMillis();
                if (waitMillis > 0) {
                    try {
                        Thread.sleep(waitMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for expiry", e);
                    }
                }
            }

            @Override
            public Duration shortLifetime() {
                return shortLifetime;
            }
        };
    }

    /** A clock the test moves by hand; the repository under test must read {@code clock}. */
    static StoreTime of(MutableClock clock) {
        return new StoreTime() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void passBeyond(Instant instant) {
                clock.setInstant(instant.plusMillis(1));
            }

            @Override
            public Duration shortLifetime() {
                return Duration.ofSeconds(2);
            }
        };
    }
}
