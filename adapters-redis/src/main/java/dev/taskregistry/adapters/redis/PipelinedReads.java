package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskStoreUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Sends the document reads of concurrent requests as one pipeline on one connection, as a multiplexing client
 * would: a status poll is one {@code GET}, and with one command in flight per pooled connection each poll cost
 * Redis a read event, a reply write and a wake-up of its own (9–11 µs of Redis CPU per GET against 2–3 µs for a
 * pipelining client, docs/BENCHMARKS.md), and the service a pool borrow and a socket round trip per request.
 * Every read that arrives while a batch is on the wire waits for the next one; one thread sends them, so at a
 * low rate a read is a batch of one. A read waits at most the timeout, and a batch that fails (Redis unreachable,
 * a failover) fails each of its reads as the same call would have; a read whose caller gave up is not sent.
 * Reads only: a write still goes through its own script call, and a read sent after a write was answered sees it
 * (Redis runs commands one at a time, whichever connection sent them). On Redis Cluster reads are not batched (see
 * {@link #read}): each is one {@code GET} by its caller, as before.
 */
final class PipelinedReads implements AutoCloseable {

    /** How the repository runs a call on Redis: with its failure translation, retries and shard-count check. */
    @FunctionalInterface
    interface Calls {
        <T> T call(String operation, Function<UnifiedJedis, T> work);
    }

    private static final Logger LOG = Logger.getLogger(PipelinedReads.class.getName());
    /** Bounds a batch's reply: 512 documents of a few KB each stay well inside Jedis' buffers. */
    static final int MAX_BATCH = 512;

    private final Calls calls;
    private final Duration timeout;
    private final LinkedBlockingQueue<Read> pending = new LinkedBlockingQueue<>();
    private volatile Thread sender;
    private volatile boolean closed;
    /** Set once the client turned out to be a Cluster client: reads are then sent by their callers, unbatched. */
    private volatile boolean direct;

    private record Read(String key, CompletableFuture<String> answer) {}

    /**
     * @param calls   runs each batch (the repository's own call, so a batch is checked and retried as a call is)
     * @param timeout how long a read waits for its answer before it reports Redis unavailable
     */
    PipelinedReads(Calls calls, Duration timeout) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The value of {@code key}, or null when it does not exist, read in the next batch.
     *
     * @throws TaskStoreUnavailable when Redis does not answer within the timeout or the batch failed as an outage
     * @throws IllegalStateException when Redis rejected the read for another reason (e.g. WRONGTYPE)
     */
    String get(String key, String operation) {
        if (direct) {
            return calls.call(operation, client -> client.get(key));
        }
        Read read = new Read(key, new CompletableFuture<>());
        pending.add(read);
        startSenderOnce();
        if (closed) {
            read.answer().cancel(false);
            throw new IllegalStateException("the Redis repository is closed");
        }
        try {
            return read.answer().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException failure
                    ? failure
                    : new IllegalStateException(operation + " failed", failed.getCause());
        } catch (TimeoutException | CancellationException noAnswer) {
            read.answer().cancel(false);
            throw new TaskStoreUnavailable(
                    "Redis did not answer '" + operation + "' within " + timeout.toMillis() + " ms", noAnswer);
        } catch (InterruptedException interrupted) {
            read.answer().cancel(false);
            Thread.currentThread().interrupt();
            throw new TaskStoreUnavailable(
                    "interrupted while waiting for Redis to answer '" + operation + "'", interrupted);
        }
    }

    /** False once reads go unbatched, on Redis Cluster (for tests). */
    boolean batching() {
        return !direct;
    }

    /** How many reads wait for the next batch (for tests). */
    int waiting() {
        return pending.size();
    }

    /** Stops the sender; reads still waiting fail at once. */
    @Override
    public void close() {
        closed = true;
        Thread running = sender;
        if (running != null) {
            running.interrupt();
        }
        Read left;
        while ((left = pending.poll()) != null) {
            left.answer().cancel(false);
        }
    }

    private void startSenderOnce() {
        if (sender == null) {
            synchronized (this) {
                if (sender == null && !closed) {
                    // A platform thread: it blocks on its socket for every batch, and would pin a carrier anyway.
                    sender = Thread.ofPlatform()
                            .daemon()
                            .name("taskregistry-redis-reads")
                            .start(this::sendUntilClosed);
                }
            }
        }
    }

    private void sendUntilClosed() {
        List<Read> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException closing) {
                return;
            }
            pending.drainTo(batch, MAX_BATCH - 1);
            batch.removeIf(read -> read.answer().isDone());
            if (!batch.isEmpty()) {
                send(batch);
            }
            batch.clear();
        }
    }

    private void send(List<Read> batch) {
        try {
            List<Object> answers = calls.call("find", client -> read(client, batch));
            for (int i = 0; i < batch.size(); i++) {
                complete(batch.get(i), answers.get(i));
            }
        } catch (RuntimeException failure) {
            for (Read read : batch) {
                read.answer().completeExceptionally(failure);
            }
        } catch (Error fatal) {
            LOG.log(Level.SEVERE, "the Redis read pipeline failed", fatal);
            for (Read read : batch) {
                read.answer().completeExceptionally(fatal);
            }
        }
    }

    /**
     * Each read's value, or the error Redis answered to that read alone. A reply that never arrived (a connection
     * dropped during the sync) fails the whole batch as a dropped connection, which the connection retries.
     */
    private List<Object> read(UnifiedJedis client, List<Read> batch) {
        List<Object> answers = new ArrayList<>(batch.size());
        if (client instanceof RedisClusterClient) {
            // Jedis' cluster pipeline neither throws nor renews its slot cache when a master dies during a sync, so a
            // pipelined read would be sent to the dead master until something else renewed it (ClusterFailoverIT saw
            // 503s for a minute). Its own commands renew it: on Cluster every later read goes straight to them.
            direct = true;
            for (Read read : batch) {
                answers.add(answerOf(() -> client.get(read.key())));
            }
            return answers;
        }
        try (AbstractPipeline pipeline = Pipelines.open(client)) {
            List<Response<String>> sent = new ArrayList<>(batch.size());
            for (Read read : batch) {
                sent.add(pipeline.get(read.key()));
            }
            pipeline.sync();
            for (Response<String> reply : sent) {
                answers.add(answerOf(() -> LuaScripts.reply(reply)));
            }
        }
        return answers;
    }

    /**
     * A failover's answer (MASTERDOWN from a replica not yet synced, READONLY, MOVED...) fails the whole batch, so
     * the connection sends it again as it would any call; any other error reply is this read's alone.
     */
    private static Object answerOf(Supplier<String> reading) {
        try {
            return reading.get();
        } catch (JedisDataException rejected) {
            if (StoreFailures.isFailover(rejected) || StoreFailures.isRedirect(rejected)) {
                throw rejected;
            }
            return rejected;
        }
    }

    /** One command of a batch may fail alone (a key of the wrong type); the others keep their answers. */
    private static void complete(Read read, Object answer) {
        if (answer instanceof JedisException rejected) {
            read.answer().completeExceptionally(StoreFailures.translate("find", rejected));
        } else {
            read.answer().complete((String) answer);
        }
    }
}
