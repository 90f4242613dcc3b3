package dev.taskregistry.adapters.redis;

/**
 * What a shard migration did with the tasks it found, in one run.
 *
 * @param moved         tasks copied to their shard of the new layout and removed from their old one
 * @param keptInPlace   tasks whose shard is the same in both layouts (same hash tag): left as they are
 * @param skippedExpired tasks that expired before they could be moved: not moved, their index entries dropped
 * @param movedEarlier  tasks found moved already, by an earlier run that stopped part way (or an attempt
 *                      repeated after a failover): their leftover index entries dropped
 */
public record ShardMigrationReport(long moved, long keptInPlace, long skippedExpired, long movedEarlier) {

    static final ShardMigrationReport NOTHING = new ShardMigrationReport(0, 0, 0, 0);

    ShardMigrationReport plus(ShardMigrationReport other) {
        return new ShardMigrationReport(
                moved + other.moved,
                keptInPlace + other.keptInPlace,
                skippedExpired + other.skippedExpired,
                movedEarlier + other.movedEarlier);
    }

    /** Every task looked at. */
    long seen() {
        return moved + keptInPlace + skippedExpired + movedEarlier;
    }

    @Override
    public String toString() {
        return moved + " moved, " + keptInPlace + " kept in place, " + skippedExpired + " skipped as expired, "
                + movedEarlier + " moved by an earlier run";
    }
}
