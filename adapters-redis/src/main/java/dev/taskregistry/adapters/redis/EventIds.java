package dev.taskregistry.adapters.redis;

/**
 * How the scripts name the events they append (their last ARGV): an unsharded registry lets Redis number them
 * ({@code *}, as it always did, so positions already issued stay valid); a sharded one names them by Redis' clock
 * in microseconds, so that merging its shards' streams by id keeps the order one server stored them in.
 */
final class EventIds {

    static final String REDIS_OWN = "*";
    static final String CLOCK = "clock";

    private EventIds() {}

    static String forShards(int shards) {
        return shards > 1 ? CLOCK : REDIS_OWN;
    }
}
