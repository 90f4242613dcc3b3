package dev.taskregistry.bootstrap.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test client's reading of the event-stream format, against the JDK's own HTTP server writing fixed bodies. */
class SseStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private HttpServer server;
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private final CountDownLatch testDone = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(
                "/fields",
                exchange -> stream(
                        exchange,
                        ": subscribed\n\nevent: state\nid: 1-0\ndata: {\"version\":1}\n\n"
                                + "retry: 100\ndata: first\ndata:second\nid:7\n\n"
                                + ":heartbeat\r\nevent: updated\r\nid: 2-0\r\ndata: {\"version\":2}\r\n\r\n"
                                + "event: half\ndata: never dispatched"));
        server.createContext("/silent", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().flush();
            awaitQuietly(testDone);
            exchange.close();
        });
        server.createContext("/heartbeats", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            heartbeatUntilClientGone(exchange.getResponseBody());
        });
        server.createContext("/problem", exchange -> {
            byte[] body = "{\"status\":503,\n\"title\":\"Task store unavailable\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        testDone.countDown();
        server.stop(0);
    }

    @Test
    void eventsAndComments_areReadWithTheirFields_inOrder() {
        try (SseStream stream = open("/fields")) {
            assertThat(stream.isEventStream()).isTrue();
            assertThat(stream.next(WAIT).isComment("subscribed")).isTrue();
            SseEvent state = stream.next(WAIT);
            assertThat(state).isEqualTo(SseEvent.event("state", "1-0", "{\"version\":1}"));
            assertThat(state.json().get("version").asInt()).isEqualTo(1);
            assertThat(stream.next(WAIT)).isEqualTo(SseEvent.event("message", "7", "first\nsecond"));
            assertThat(stream.nextEvent(WAIT)).isEqualTo(SseEvent.event("updated", "2-0", "{\"version\":2}"));
        }
    }

    @Test
    void theServerEndingTheStream_isTheEnd_andAnUnfinishedEventIsDropped() {
        try (SseStream stream = open("/fields")) {
            assertThat(stream.readToEnd(WAIT))
                    .hasSize(5)
                    .last()
                    .satisfies(last -> assertThat(last.is("updated")).isTrue());
            assertThatThrownBy(() -> stream.next(WAIT)).hasMessageContaining("the server ended the stream");
        }
    }

    @Test
    void next_failsWhenNothingArrivesInTime() {
        try (SseStream stream = open("/silent")) {
            assertThatThrownBy(() -> stream.next(Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("nothing arrived within");
        }
    }

    @Test
    void close_dropsTheConnection() throws InterruptedException {
        SseStream stream = open("/heartbeats");
        assertThat(stream.next(WAIT).isComment("heartbeat")).isTrue();
        stream.close();

        assertThat(clientGone.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> stream.next(WAIT)).hasMessageContaining("this client closed the stream");
    }

    @Test
    void anAnswerThatIsNoStream_keepsItsStatusAndBody() {
        try (SseStream stream = open("/problem")) {
            assertThat(stream.status()).isEqualTo(503);
            assertThat(stream.isEventStream()).isFalse();
            assertThat(stream.body()).isEqualTo("{\"status\":503,\n\"title\":\"Task store unavailable\"}");
        }
    }

    private SseStream open(String path) {
        return SseStream.open(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
    }

    private static void stream(HttpExchange exchange, String body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes a heartbeat now and then until the write fails: that is how a server notices a departed client. */
    private void heartbeatUntilClientGone(OutputStream out) {
        try {
            while (true) {
                out.write(": heartbeat\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(50);
            }
        } catch (IOException gone) {
            clientGone.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
