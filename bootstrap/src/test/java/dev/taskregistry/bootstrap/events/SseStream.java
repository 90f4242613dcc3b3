package dev.taskregistry.bootstrap.events;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests: one HTTP request whose body is read line by line
 * ({@link HttpResponse.BodyHandlers#ofLines()}) on a virtual thread of its own and parsed into {@link SseEvent}s
 * ({@code event:}, {@code id:}, {@code data:} fields, comment lines; {@code retry:} and unknown fields ignored), which
 * the test takes one at a time with a bounded {@link #next(Duration)}. An answer that is not an event stream (an
 * error's problem JSON) is kept whole for {@link #body()}. Close it to drop the connection, as a departing client
 * would; closing twice is harmless.
 */
public final class SseStream implements AutoCloseable {

    /** HTTP/1.1 as browsers' {@code EventSource} speaks it: one connection per stream. */
    private static final HttpClient DEFAULT_CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(30);
    private static final int RECENT_KEPT = 10;

    private final URI uri;
    private final HttpResponse<Stream<String>> response;
    private final boolean eventStream;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final List<String> bodyLines = new ArrayList<>();
    private final CompletableFuture<Void> bodyRead = new CompletableFuture<>();
    private final Deque<SseEvent> recent = new ArrayDeque<>();
    private volatile boolean closed;
    private Item terminal;

    private SseStream(URI uri, HttpResponse<Stream<String>> response) {
        this.uri = uri;
        this.response = response;
        this.eventStream = response.statusCode() == 200
                && response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
        Thread.ofVirtual().name("sse-reader " + uri).start(this::read);
    }

    /** Opens a stream with a GET of {@code uri} ({@code Accept: text/event-stream}); headers as name, value pairs. */
    public static SseStream open(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return open(DEFAULT_CLIENT, request.build());
    }

    /**
     * Sends {@code request} with {@code client} and returns once the answer's status and headers are in (at most
     * 30 s); the body is read as it comes.
     */
    public static SseStream open(HttpClient client, HttpRequest request) {
        CompletableFuture<HttpResponse<Stream<String>>> answer =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        try {
            return new SseStream(request.uri(), answer.get(HEADERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new AssertionError("no answer to GET " + request.uri() + " within " + HEADERS_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new AssertionError("GET " + request.uri() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Whether the answer is a stream (200, {@code text/event-stream}): only then are there events. */
    public boolean isEventStream() {
        return eventStream;
    }

    /** The whole body of an answer that is not an event stream (e.g. a 503's problem JSON), once it is read. */
    public String body() {
        if (eventStream) {
            throw new IllegalStateException("the answer is an event stream; read it with next()");
        }
        try {
            bodyRead.get(HEADERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("reading the body of " + uri + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the body of " + uri + " did not end within " + HEADERS_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return String.join("\n", bodyLines);
    }

    /**
     * The next event or comment, waiting at most {@code timeout}.
     *
     * @throws AssertionError when nothing arrives in time, when the server has ended the stream or when reading it
     *     failed; the message names the last items received
     */
    public SseEvent next(Duration timeout) {
        return poll(timeout).orElseThrow(() -> new AssertionError(describe("nothing arrived within " + timeout)));
    }

    /** The next event, skipping comments such as {@code : heartbeat}; fails as {@link #next(Duration)} does. */
    public SseEvent nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SseEvent item = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (!item.isComment()) {
                return item;
            }
        }
    }

    /**
     * Everything the server still sends until it ends the stream, within {@code timeout}.
     *
     * @throws AssertionError when the stream has not ended in time, or reading it failed
     */
    public List<SseEvent> readToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SseEvent> rest = new ArrayList<>();
        while (true) {
            Item item = take(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (item == null) {
                throw new AssertionError(describe("the server did not end the stream within " + timeout
                        + "; after the last call it sent " + rest));
            }
            if (item.isEnd()) {
                return rest;
            }
            if (item.failure() != null) {
                throw new AssertionError(describe("reading failed after " + rest), item.failure());
            }
            rest.add(item.event());
        }
    }

    /** Drops the connection; the reader stops. */
    @Override
    public void close() {
        closed = true;
        response.body().close();
    }

    @Override
    public String toString() {
        return describe("open");
    }

    private Optional<SseEvent> poll(Duration timeout) {
        Item item = take(timeout);
        if (item == null) {
            return Optional.empty();
        }
        if (item.isEnd()) {
            throw new AssertionError(
                    describe(closed ? "this client closed the stream" : "the server ended the stream"));
        }
        if (item.failure() != null) {
            throw new AssertionError(describe("reading the stream failed"), item.failure());
        }
        return Optional.of(item.event());
    }

    /** The next item, null on timeout; once the end or a failure is taken, it is answered again and again. */
    private synchronized Item take(Duration timeout) {
        if (terminal != null) {
            return terminal;
        }
        if (!eventStream) {
            throw new IllegalStateException("the answer is " + status() + ", not an event stream: " + body());
        }
        try {
            Item item = items.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (item != null && item.event() == null) {
                terminal = item;
            } else if (item != null) {
                if (recent.size() == RECENT_KEPT) {
                    recent.removeFirst();
                }
                recent.addLast(item.event());
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String describe(String what) {
        return "SSE " + uri + ": " + what + "; last received: " + recent;
    }

    private void read() {
        try {
            Iterator<String> lines = response.body().iterator();
            Parser parser = new Parser();
            while (lines.hasNext()) {
                String line = lines.next();
                if (eventStream) {
                    parser.accept(line).ifPresent(event -> items.add(Item.of(event)));
                } else {
                    bodyLines.add(line);
                }
            }
            items.add(Item.END);
            bodyRead.complete(null);
        } catch (UncheckedIOException | IllegalStateException e) {
            // After close() the reader fails with "closed": that is the test's own doing, not the server's.
            items.add(closed ? Item.END : Item.failed(e));
            bodyRead.completeExceptionally(e);
        }
    }

    /** What the reader hands over: an event, the end of the stream, or why reading it failed. */
    private record Item(SseEvent event, Throwable failure) {

        static final Item END = new Item(null, null);

        static Item of(SseEvent event) {
            return new Item(event, null);
        }

        static Item failed(Throwable failure) {
            return new Item(null, failure);
        }

        boolean isEnd() {
            return event == null && failure == null;
        }
    }

    /**
     * The event-stream grammar, line by line: a blank line dispatches the fields gathered since the last one (an
     * incomplete event at the end of the stream is dropped, as the specification says); a comment is answered at
     * once.
     */
    static final class Parser {

        private String event;
        private String id;
        private final List<String> data = new ArrayList<>();
        private boolean fields;

        /** The event or comment that {@code line} completes, if any. */
        Optional<SseEvent> accept(String line) {
            if (line.isEmpty()) {
                return dispatch();
            }
            if (line.startsWith(":")) {
                return Optional.of(SseEvent.comment(withoutLeadingSpace(line.substring(1))));
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : withoutLeadingSpace(line.substring(colon + 1));
            switch (name) {
                case "event" -> event = value;
                case "data" -> data.add(value);
                case "id" -> id = value.indexOf('\0') < 0 ? value : id;
                default -> {
                    // retry: and unknown fields do not make an event
                    return Optional.empty();
                }
            }
            fields = true;
            return Optional.empty();
        }

        private Optional<SseEvent> dispatch() {
            if (!fields) {
                return Optional.empty();
            }
            SseEvent dispatched = SseEvent.event(event == null ? "message" : event, id, String.join("\n", data));
            event = null;
            id = null;
            data.clear();
            fields = false;
            return Optional.of(dispatched);
        }

        private static String withoutLeadingSpace(String value) {
            return value.startsWith(" ") ? value.substring(1) : value;
        }
    }
}
