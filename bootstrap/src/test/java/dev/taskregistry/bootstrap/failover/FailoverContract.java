package dev.taskregistry.bootstrap.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.workers.WorkerProcesses;
import dev.taskregistry.redis.testing.RedisServerProcess;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failover through the running service: two worker processes of the packaged jar on a deployment of the test
 * class's own (a failing test cannot leave a broken shared deployment to the other tests), four writers on them
 * while the master of the registry's slot fails over. Every answer is 2xx or 503, the same workers write again
 * afterwards, and the unavailability window each run saw is printed. Each test leaves the deployment whole: a
 * killed process is started again as a replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FailoverContract {

    private static final int WORKERS = 2;

    private FailoverTarget deployment;
    private String prefix;
    private WorkerProcesses workers;
    private String waitingPrefix;
    private WorkerProcesses waitingWorkers;

    /** Starts the deployment of this class's own. */
    protected abstract FailoverTarget startDeployment();

    /**
     * Two workers that do not wait for replicas and two that wait for every replica of the master, each pair on a
     * registry of its own.
     */
    @BeforeAll
    void startDeploymentAndWorkers() {
        deployment = startDeployment();
        prefix = uniquePrefix();
        waitingPrefix = uniquePrefix();
        // Both pairs start at once: starting JVMs is most of a worker test's cost.
        CompletableFuture<WorkerProcesses> waiting =
                CompletableFuture.supplyAsync(() -> startWorkers(waitingPrefix, deployment.replicasPerMaster()));
        try {
            workers = startWorkers(prefix, 0);
        } finally {
            waitingWorkers = waiting.join();
        }
    }

    @AfterAll
    void stopWorkersAndDeployment() {
        try {
            if (workers != null) {
                workers.close();
            }
        } finally {
            try {
                if (waitingWorkers != null) {
                    waitingWorkers.close();
                }
            } finally {
                if (deployment != null) {
                    deployment.close();
                }
            }
        }
    }

    @BeforeEach
    void awaitHealthyDeployment() {
        deployment.awaitHealthy();
    }

    @Test
    void aGracefulFailoverOfTheRegistrysMaster_isAnswered2xxOr503Only_andBothWorkersWriteAgain() {
        FailoverOutcome outcome = FailoverRun.around(
                workers,
                deployment.gracefulLosses(),
                label("graceful " + deployment.gracefulCommand(), 0),
                () -> deployment.failOverGracefully(prefix));

        assertKeptEveryClaim(outcome);
    }

    /** Also the master's demotion then: it answers a WAIT still waiting {@code UNBLOCKED}, which is retried. */
    @Test
    void withWaitForEveryReplica_aGracefulFailover_isAnswered2xxOr503Only_andBothWorkersWriteAgain() {
        FailoverOutcome outcome = FailoverRun.around(
                waitingWorkers,
                deployment.gracefulLosses(),
                label("graceful " + deployment.gracefulCommand(), deployment.replicasPerMaster()),
                () -> deployment.failOverGracefully(waitingPrefix));

        assertKeptEveryClaim(outcome);
    }

    @Test
    void aKilledMasterOfTheRegistry_isAnswered2xxOr503Only_andBothWorkersWriteAgain_theLostWritesCounted() {
        FailoverOutcome outcome = FailoverRun.around(
                workers, LossPolicy.COUNTED, label("SIGKILL of the master", 0), () -> killMasterAndRejoin(prefix));

        assertKeptEveryClaim(outcome);
    }

    @Test
    void withWaitForEveryReplica_aKilledMasterOfTheRegistry_losesNoAcknowledgedWrite() {
        FailoverOutcome outcome = FailoverRun.around(
                waitingWorkers,
                LossPolicy.NONE_ALLOWED,
                label("SIGKILL of the master", deployment.replicasPerMaster()),
                () -> killMasterAndRejoin(waitingPrefix));

        assertKeptEveryClaim(outcome);
        assertThat(outcome.lostWrites()).as(outcome.report()).isZero();
    }

    @Test
    void aKilledAndRestartedReplica_causesNoErrorAtAll() {
        FailoverOutcome outcome =
                FailoverRun.around(workers, LossPolicy.NONE_ALLOWED, label("SIGKILL of a replica", 0), () -> {
                    RedisServerProcess replica = deployment.replicaOf(prefix);
                    replica.crash();
                    deployment.awaitNoticedDown(replica);
                    deployment.rejoin(replica);
                });

        assertKeptEveryClaim(outcome);
        assertThat(outcome.unavailableAnswers()).as(outcome.report()).isZero();
    }

    /** SIGKILL of the master of the registry's slot; once a replica is promoted, the killed one rejoins as a replica. */
    private void killMasterAndRejoin(String registry) {
        RedisServerProcess master = deployment.masterOf(registry);
        master.crash();
        deployment.awaitPromotion(registry, master);
        deployment.rejoin(master);
    }

    private static void assertKeptEveryClaim(FailoverOutcome outcome) {
        assertThat(outcome.problems())
                .as("unexpected answers and violations; the run saw:%n%s", outcome.report())
                .isZero();
        assertThat(outcome.recoveredOnEveryWorker())
                .as("writes acknowledged again on every worker after the failover; the run saw:%n%s", outcome.report())
                .isTrue();
    }

    private WorkerProcesses startWorkers(String registry, int waitReplicas) {
        Map<String, String> environment = new HashMap<>(deployment.environment());
        environment.put("TASKREGISTRY_STORE", "redis");
        environment.put("TASKREGISTRY_REDIS_KEY_PREFIX", registry);
        environment.put("TASKREGISTRY_REDIS_WAIT_REPLICAS", String.valueOf(waitReplicas));
        environment.put("TASKREGISTRY_REDIS_TIMEOUT", "PT2S");
        return WorkerProcesses.start(
                "failover-" + deployment.name().toLowerCase() + "-wait-" + waitReplicas, WORKERS, environment);
    }

    private String label(String failover, int waitReplicas) {
        return deployment.name() + ", " + failover + ", wait-replicas " + waitReplicas;
    }

    private static String uniquePrefix() {
        return "failover-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
