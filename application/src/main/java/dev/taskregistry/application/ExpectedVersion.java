package dev.taskregistry.application;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskVersionMismatch;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The versions a client accepts as current ({@code If-Match}): any version when it named none, else one of
 * a set. The set may be empty (the client named only tags that can never match), and then nothing matches.
 *
 * @param versions the acceptable versions, or {@code null} for any version
 */
public record ExpectedVersion(Set<Long> versions) {

    private static final ExpectedVersion ANY = new ExpectedVersion(null);

    public ExpectedVersion {
        versions = versions == null ? null : Set.copyOf(versions);
    }

    public static ExpectedVersion any() {
        return ANY;
    }

    public static ExpectedVersion of(long version) {
        return new ExpectedVersion(Set.of(version));
    }

    /** One of {@code versions}; none at all when it is empty. */
    public static ExpectedVersion oneOf(Collection<Long> versions) {
        return new ExpectedVersion(Set.copyOf(versions));
    }

    public boolean isAny() {
        return versions == null;
    }

    /** Fails with {@link TaskVersionMismatch} when the current version is not one the client accepts. */
    public void check(Task current) {
        if (!isAny() && !versions.contains(current.version())) {
            throw new TaskVersionMismatch(current.id(), describe(), current.version());
        }
    }

    /** "version 3", "version 3 or 4", or "a version of this service" when the set is empty. */
    String describe() {
        if (isAny() || versions.isEmpty()) {
            return "a version that If-Match names (weak and foreign tags never match a change)";
        }
        return "version "
                + new TreeSet<>(versions).stream().map(String::valueOf).collect(Collectors.joining(" or "));
    }
}
