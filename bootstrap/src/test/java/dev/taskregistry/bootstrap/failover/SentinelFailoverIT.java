package dev.taskregistry.bootstrap.failover;

/** The failover claims through the running service on a Sentinel set of 1 master, 2 replicas and 3 sentinels. */
class SentinelFailoverIT extends FailoverContract {

    @Override
    protected FailoverTarget startDeployment() {
        return new SentinelTarget();
    }
}
