package dev.taskregistry.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.enterprise.inject.spi.CDI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A plain HTTP client for the API under test: raw status, headers and body, nothing interpreted. A client
 * made by {@link #checkingAnswersAgainstServedOpenApi} also fails on any answer that the OpenAPI document
 * its service serves does not describe.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final int port;
    private final ServedOpenApi document;

    public ApiClient(int port) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), port, null);
    }

    private ApiClient(int port, InetAddress localAddress) {
        this(
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .localAddress(localAddress)
                        .build(),
                port,
                null);
    }

    private ApiClient(HttpClient http, int port, ServedOpenApi document) {
        this.http = http;
        this.port = port;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.document = document;
    }

    /** A client of the service that the current {@code @HelidonTest} started. */
    public static ApiClient ofTestedService() {
        return new ApiClient(testedServicePort());
    }

    /** A client of the tested service whose connections come from {@code localAddress}, e.g. 127.0.0.2 as a proxy would. */
    public static ApiClient ofTestedServiceFrom(InetAddress localAddress) {
        return new ApiClient(testedServicePort(), localAddress);
    }

    private static int testedServicePort() {
        return CDI.current()
                .getBeanManager()
                .getExtension(ServerCdiExtension.class)
                .port();
    }

    /** The same client, checking every answer against the service's own {@code /openapi} document before returning it. */
    public ApiClient checkingAnswersAgainstServedOpenApi() {
        return new ApiClient(http, port, ServedOpenApi.of(this));
    }

    /** The service's base URL, e.g. {@code http://127.0.0.1:8080}, for clients of other protocols (MCP). */
    public String baseUrlForTests() {
        return baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    public ApiResponse get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public ApiResponse post(String path, String jsonBody, String... headers) {
        return send("POST", path, "application/json", jsonBody, headers);
    }

    public ApiResponse put(String path, String jsonBody, String... headers) {
        return send("PUT", path, "application/json", jsonBody, headers);
    }

    public ApiResponse delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    /** Any request; {@code contentType} and {@code body} may be null, headers come as name, value pairs. */
    public ApiResponse send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ApiResponse answer =
                    new ApiResponse(response.statusCode(), response.headers().map(), response.body());
            if (document != null) {
                document.check(method, path, answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code requestHead} (request line and headers, CRLF-separated, without the blank line) as it is,
     * on a socket of its own: for requests that {@link HttpClient} refuses to send, such as {@code /tasks/%ZZ}.
     */
    public ApiResponse sendRaw(String requestHead) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write((requestHead + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, split).split("\r\n");
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.computeIfAbsent(head[i].substring(0, colon).strip(), name -> new java.util.ArrayList<>())
                        .add(head[i].substring(colon + 1).strip());
            }
            return new ApiResponse(Integer.parseInt(head[0].split(" ")[1]), headers, answer.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server answered. */
    public record ApiResponse(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
