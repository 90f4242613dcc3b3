package dev.taskregistry.domain.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call that a test expects to block, run on a virtual thread of its own (as the service runs each
 * subscriber): the test waits until the call parks, acts on its own thread, then takes the call's outcome.
 * Closing interrupts and joins the thread, so no thread outlives the test. Waits are bounded by
 * {@link FeedReading#PATIENCE} against hangs; nothing is timed.
 */
public final class WaitingCall<T> implements AutoCloseable {

    private final FutureTask<T> call;
    private final Thread thread;

    private WaitingCall(Callable<T> work) {
        call = new FutureTask<>(work);
        thread = Thread.ofVirtual().name("waiting-call").start(call);
    }

    public static <T> WaitingCall<T> start(Callable<T> work) {
        return new WaitingCall<>(work);
    }

    /** Returns once the call's thread is parked, waiting; fails when the call ended instead. */
    public void awaitParked() throws InterruptedException {
        long deadline = System.nanoTime() + FeedReading.PATIENCE.toNanos();
        while (true) {
            switch (thread.getState()) {
                case WAITING, TIMED_WAITING -> {
                    return;
                }
                case TERMINATED -> throw new AssertionError("the call ended instead of waiting");
                default -> {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the call did not wait within " + FeedReading.PATIENCE);
                    }
                    Thread.sleep(1);
                }
            }
        }
    }

    /** What the call returned; its failure is rethrown as the cause of an AssertionError. */
    public T result() throws InterruptedException {
        try {
            return call.get(FeedReading.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new AssertionError("the call failed", failed.getCause());
        } catch (TimeoutException stillWaiting) {
            throw new AssertionError("the call did not return within " + FeedReading.PATIENCE);
        }
    }

    /** What the call threw; fails when it returned instead. */
    public Throwable failure() throws InterruptedException {
        try {
            T returned = call.get(FeedReading.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the call returned " + returned + " instead of failing");
        } catch (ExecutionException failed) {
            return failed.getCause();
        } catch (TimeoutException stillWaiting) {
            throw new AssertionError("the call did not end within " + FeedReading.PATIENCE);
        }
    }

    public void interrupt() {
        thread.interrupt();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        if (!thread.join(FeedReading.PATIENCE)) {
            throw new AssertionError("the call's thread did not end when interrupted");
        }
    }
}
