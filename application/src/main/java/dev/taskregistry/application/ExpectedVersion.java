package dev.taskregistry.application;

import dev.taskregistry.domain.Task;

/** The version a client last saw ({@code If-Match}), or any version when it sent none. */
public record ExpectedVersion(Long value) {

    private static final ExpectedVersion ANY = new ExpectedVersion(null);

    public static ExpectedVersion any() {
        return ANY;
    }

    public static ExpectedVersion of(long version) {
        return new ExpectedVersion(version);
    }

    public boolean isAny() {
        return value == null;
    }

    /** Fails with {@link TaskVersionMismatch} when the client saw another version than the current one. */
    public void check(Task current) {
        if (value != null && value != current.version()) {
            throw new TaskVersionMismatch(current.id(), value, current.version());
        }
    }
}
