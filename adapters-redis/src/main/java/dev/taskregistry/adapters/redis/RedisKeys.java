package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names the keys of one registry shard. All share one hash tag, {@code {prefix}} for an unsharded registry and
 * {@code {prefix:k}} for shard k of a sharded one ({@link ShardLayout}), so they live in one Redis Cluster slot
 * and every script may touch all of them.
 */
final class RedisKeys {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final String tag;

    /** The keys of the unsharded registry under {@code prefix}: today's names, {@code {prefix}:...}. */
    RedisKeys(String prefix) {
        requireValidPrefix(prefix, "keyPrefix");
        this.tag = "{" + prefix + "}";
    }

    private RedisKeys(String prefix, int shard) {
        requireValidPrefix(prefix, "keyPrefix");
        this.tag = "{" + prefix + ":" + shard + "}";
    }

    /** The keys of shard {@code shard} of the sharded registry under {@code prefix}: {@code {prefix:shard}:...}. */
    static RedisKeys ofShard(String prefix, int shard) {
        if (shard < 0) {
            throw new IllegalArgumentException("a shard number is 0 or more, was " + shard);
        }
        return new RedisKeys(prefix, shard);
    }

    /**
     * A prefix may not hold the braces of a hash tag, nor anything that could take a key out of its
     * namespace; {@code name} is how the caller calls it in the message.
     */
    static void requireValidPrefix(String prefix, String name) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("'" + name + "' must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_',"
                    + " ':' and '-', starting with a letter or digit, was '" + prefix + "'");
        }
    }

    /** The hash tag every key of this shard starts with, braces included. */
    String tag() {
        return tag;
    }

    String task(TaskId id) {
        return tag + ":task:" + id.value();
    }

    String all() {
        return tag + ":idx:all";
    }

    String status(TaskStatus status) {
        return tag + ":idx:status:" + StoredStatus.nameOf(status);
    }

    String type(TaskType type) {
        return tag + ":idx:type:" + type.value();
    }

    String types() {
        return tag + ":types";
    }

    /** The stream of the shard's changes, one entry per stored change (DESIGN.md §10). */
    String events() {
        return tag + ":events";
    }

    /** {@code all} and every status index, in {@link TaskStatus} order. */
    List<String> sharedIndexes() {
        List<String> keys = new ArrayList<>();
        keys.add(all());
        Arrays.stream(TaskStatus.values()).map(this::status).forEach(keys::add);
        return keys;
    }

    /**
     * KEYS of the register, update and delete scripts: the task, {@code all}, the five status indexes
     * in {@link TaskStatus} order, the type index, the set of types and the events stream.
     */
    List<String> forTaskChange(TaskId id, TaskType type) {
        List<String> keys = new ArrayList<>();
        keys.add(task(id));
        keys.addAll(sharedIndexes());
        keys.add(type(type));
        keys.add(types());
        keys.add(events());
        return keys;
    }

    /** How a script finds a status among the status keys of {@link #forTaskChange}: 1 to 5 today. */
    static String statusPosition(TaskStatus status) {
        return String.valueOf(status.ordinal() + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedisKeys keys && keys.tag.equals(tag);
    }

    @Override
    public int hashCode() {
        return tag.hashCode();
    }

    @Override
    public String toString() {
        return "RedisKeys" + tag;
    }
}
