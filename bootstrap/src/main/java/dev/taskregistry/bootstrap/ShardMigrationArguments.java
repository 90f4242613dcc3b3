package dev.taskregistry.bootstrap;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The arguments of {@link ShardMigrationCommand}: {@code --to <shards>} (required), {@code --from <shards>} (the
 * count the workers ran with; by default the configured {@code taskregistry.redis.shards}), {@code --help}.
 *
 * @param to   the new shard count
 * @param from the current shard count, when given
 * @param help true when only the usage is asked for
 */
record ShardMigrationArguments(int to, OptionalInt from, boolean help) {

    static final String USAGE = """
            usage: scripts/migrate-shards.sh --to <shards> [--from <shards>]
              Moves the Redis registry the service is configured for (TASKREGISTRY_REDIS_URL, _MODE, _NODES,
              _SENTINEL_MASTER, _KEY_PREFIX, ...) from --from shards (default: taskregistry.redis.shards, 1 when
              unset) to --to shards (1 to 1024). Stop every worker first; start them with the new count after.""";

    /** @throws IllegalArgumentException naming the argument that is missing, unknown or not a whole number */
    static ShardMigrationArguments parse(String[] args) {
        Integer to = null;
        Integer from = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new ShardMigrationArguments(0, OptionalInt.empty(), true);
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!name.equals("--to") && !name.equals("--from")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a shard count, e.g. " + name + " 16");
            }
            int count = count(name, value);
            if (name.equals("--to")) {
                to = count;
            } else {
                from = count;
            }
        }
        if (to == null) {
            throw new IllegalArgumentException("--to is required: the new shard count, 1 to 1024");
        }
        return new ShardMigrationArguments(
                to, Optional.ofNullable(from).map(OptionalInt::of).orElse(OptionalInt.empty()), false);
    }

    private static int count(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notWhole) {
            throw new IllegalArgumentException(name + " must be a whole number of shards, was '" + value + "'");
        }
    }
}
