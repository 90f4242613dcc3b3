package dev.taskregistry.adapters.redis;

/**
 * A shard migration will not start, or stopped, because of the registry's state (another recorded count, another
 * migration under way, no registry at all, a task that a worker changed meanwhile); the message says what to do.
 * Nothing was moved before a refusal to start; a migration that stopped is finished by running it again.
 */
public final class ShardMigrationRefused extends IllegalStateException {

    ShardMigrationRefused(String message) {
        super(message);
    }
}
