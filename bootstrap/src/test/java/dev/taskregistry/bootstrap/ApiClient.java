package dev.taskregistry.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.enterprise.inject.spi.CDI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for the API under test: raw status, headers and body, nothing interpreted. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;

    public ApiClient(int port) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    private ApiClient(int port, InetAddress localAddress) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).localAddress(localAddress).build();
        this.baseUrl = "http://127.0.0.1:" + port;
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
        return CDI.current().getBeanManager().getExtension(ServerCdiExtension.class).port();
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the server answered. */
    public record ApiResponse(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
