package dev.taskregistry.bootstrap.failover;

/** The failover claims through the running service on a Redis Cluster of 3 masters and 3 replicas. */
class ClusterFailoverIT extends FailoverContract {

    @Override
    protected FailoverTarget startDeployment() {
        return new ClusterTarget();
    }
}
