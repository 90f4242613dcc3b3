package dev.taskregistry.bootstrap;

import dev.taskregistry.adapters.redis.RedisDeployment;
import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.adapters.redis.ShardMigration;
import dev.taskregistry.adapters.redis.ShardMigrationRefused;
import dev.taskregistry.adapters.redis.ShardMigrationReport;
import dev.taskregistry.domain.TaskStoreUnavailable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code scripts/migrate-shards.sh}: moves the Redis registry the service is configured for (the same keys and
 * environment variables, e.g. {@code TASKREGISTRY_REDIS_URL}) to another shard count with {@link ShardMigration},
 * while every worker is stopped; prints its progress and what it did. Exit status 0 when done, 1 when refused or
 * stopped (nothing is lost: the same command run again finishes the job), 2 for wrong arguments or configuration.
 */
public final class ShardMigrationCommand {

    static final int DONE = 0;
    static final int REFUSED = 1;
    static final int WRONG_USE = 2;

    /** Progress lines at most every this many tasks within one old shard. */
    private static final long PROGRESS_EVERY = 10_000;

    private final PrintStream out;
    private final PrintStream err;

    ShardMigrationCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ShardMigrationCommand(System.out, System.err)
                .run(args, () -> new RegistryConfig(ConfigProvider.getConfig())));
    }

    /** Runs the command; {@code config} is the service's configuration, read only when the arguments are right. */
    int run(String[] args, Supplier<RegistryConfig> config) {
        ShardMigrationArguments arguments;
        RedisStoreSettings settings;
        try {
            arguments = ShardMigrationArguments.parse(args);
            if (arguments.help()) {
                out.println(ShardMigrationArguments.USAGE);
                return DONE;
            }
            settings = config.get().redisSettings();
        } catch (IllegalArgumentException | IllegalStateException wrong) {
            err.println("migrate-shards: " + wrong.getMessage());
            err.println(ShardMigrationArguments.USAGE);
            return WRONG_USE;
        }
        int from = arguments.from().orElse(settings.shards());
        out.println("Moving the registry '" + settings.keyPrefix() + "' on " + where(settings) + " from " + from
                + " to " + arguments.to() + " shards. Every worker must be stopped until it is done.");
        long start = System.nanoTime();
        try (ShardMigration migration = ShardMigration.connect(settings)) {
            ShardMigrationReport report = migration.migrate(from, arguments.to(), new Printed(from));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.println("Done in " + seconds(took) + " s (" + perSecond(report, took) + " tasks/s): " + report + ".");
            out.println("'{" + settings.keyPrefix() + "}:shards' records " + arguments.to() + ": start every worker"
                    + " with taskregistry.redis.shards=" + arguments.to() + " (TASKREGISTRY_REDIS_SHARDS="
                    + arguments.to() + ").");
            return DONE;
        } catch (IllegalArgumentException wrongCounts) {
            err.println("migrate-shards: " + wrongCounts.getMessage());
            return WRONG_USE;
        } catch (ShardMigrationRefused refused) {
            err.println("migrate-shards: refused: " + refused.getMessage());
            return REFUSED;
        } catch (TaskStoreUnavailable unavailable) {
            err.println("migrate-shards: stopped, Redis did not answer: " + unavailable.getMessage()
                    + "; nothing is lost: run the same command again once it answers");
            return REFUSED;
        }
    }

    /** Where the registry is, without credentials. */
    private static String where(RedisStoreSettings settings) {
        return settings.deployment() instanceof RedisDeployment.Standalone
                ? "redis://" + settings.uri().getHost()
                        + (settings.uri().getPort() < 0
                                ? ""
                                : ":" + settings.uri().getPort())
                : settings.deployment().toString();
    }

    private static String seconds(Duration took) {
        return String.format(java.util.Locale.ROOT, "%.1f", took.toMillis() / 1000.0);
    }

    private static long perSecond(ShardMigrationReport report, Duration took) {
        long tasks = report.moved() + report.keptInPlace() + report.skippedExpired() + report.movedEarlier();
        return tasks * 1000 / Math.max(1, took.toMillis());
    }

    /** Progress as lines: a resumed run, every {@value #PROGRESS_EVERY} tasks, each old shard done. */
    private final class Printed implements ShardMigration.Progress {

        private final int shards;
        private long printedAt;

        Printed(int shards) {
            this.shards = shards;
        }

        @Override
        public void started(int from, int to, boolean resuming) {
            if (resuming) {
                out.println("Resuming the migration from " + from + " to " + to + " shards that stopped part way.");
            }
        }

        @Override
        public void batchMoved(int shard, ShardMigrationReport soFar) {
            long seen = soFar.moved() + soFar.keptInPlace() + soFar.skippedExpired() + soFar.movedEarlier();
            if (seen - printedAt >= PROGRESS_EVERY) {
                printedAt = seen;
                out.println("  " + soFar);
            }
        }

        @Override
        public void shardMoved(int shard, ShardMigrationReport soFar) {
            out.println("Old shard " + (shard + 1) + " of " + shards + " done: " + soFar);
        }
    }
}
