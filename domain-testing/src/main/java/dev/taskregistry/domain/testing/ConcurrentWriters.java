package dev.taskregistry.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Writers on threads of their own, released at the same moment so their calls overlap, then awaited: a
 * writer's failure fails the test. The bound on the wait only keeps a deadlock from hanging the build.
 */
public final class ConcurrentWriters {

    private static final long MAX_WAIT_SECONDS = 60;

    private ConcurrentWriters() {}

    /** Runs {@code work} on each of {@code writers} threads at once. */
    public static void runTogether(int writers, Runnable work) throws Exception {
        runTogether(writers, writer -> () -> {
            work.run();
            return null;
        });
    }

    /** Runs writer {@code 0 .. writers - 1} at once; answers each writer's result, in writer order. */
    public static <T> List<T> runTogether(int writers, IntFunction<Callable<T>> writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> running = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<T> work = writer.apply(i);
                running.add(pool.submit(() -> {
                    go.await();
                    return work.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : running) {
                results.add(future.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
