package dev.taskregistry.bootstrap.failover;

/** Whether a failover may lose acknowledged writes: with {@code wait-replicas} or a graceful failover it may not. */
enum LossPolicy {
    /** A lost acknowledged write, or a 404 of a writer's own task, is a failure of the run. */
    NONE_ALLOWED,
    /** Asynchronous replication may lose the last acknowledged writes in a crash: they are counted and reported. */
    COUNTED
}
