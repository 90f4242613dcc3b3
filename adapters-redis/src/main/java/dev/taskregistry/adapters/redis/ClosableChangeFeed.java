package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskChangeFeed;

/** A registry's change feed as its repository holds it: closed with the repository, without a checked exception. */
interface ClosableChangeFeed extends TaskChangeFeed, AutoCloseable {

    /** Stops the feed's readers and closes every subscription (a waiting one answers empty). */
    @Override
    void close();
}
