package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import io.helidon.config.mp.MpConfigSources;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * {@code Location} behind a proxy: forwarded headers count only from a trusted proxy (here 127.0.0.2, a
 * loopback address the test client binds to), and otherwise the public base URL is shown.
 */
@HelidonTest
class ForwardedHeadersApiTest {

    private static final String PUBLIC_BASE = "https://tasks.example.com/registry/";

    @AddConfigSource
    static ConfigSource behindAProxy() {
        return MpConfigSources.create(Map.of(
                "taskregistry.api.trusted-proxies", "192.0.2.10, 127.0.0.2",
                "taskregistry.api.public-base-url", "https://tasks.example.com/registry"));
    }

    @Test
    void aTrustedProxysXForwardedProtoAndHost_makeTheLocation() {
        String id = uniqueId();

        ApiResponse created =
                register(fromTrustedProxy(), id, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.org");

        assertThat(created.header("Location")).isEqualTo("https://api.example.org/tasks/" + id);
    }

    @Test
    void aTrustedProxysForwardedHeader_winsOverXForwarded_andItsLastHopCounts() {
        String id = uniqueId();

        ApiResponse created = register(
                fromTrustedProxy(),
                id,
                "Forwarded",
                "for=198.51.100.7;host=spoofed.example;proto=http, for=198.51.100.7;proto=https;host=\"api.example.org:8443\"",
                "X-Forwarded-Host",
                "other.example");

        assertThat(created.header("Location")).isEqualTo("https://api.example.org:8443/tasks/" + id);
    }

    @Test
    void aTrustedProxysForwardedProtoAlone_keepsTheRequestsHost() {
        String id = uniqueId();

        ApiResponse created = register(fromTrustedProxy(), id, "X-Forwarded-Proto", "https");

        assertThat(created.header("Location")).matches("https://127\\.0\\.0\\.1:\\d+/tasks/" + id);
    }

    @Test
    void invalidForwardedValues_areIgnored_andThePublicBaseUrlIsShown() {
        ApiClient proxy = fromTrustedProxy();
        String[][] invalid = {
            {"X-Forwarded-Host", "evil.example/phish"},
            {"X-Forwarded-Host", "user@evil.example"},
            {"X-Forwarded-Host", "evil.example:99999"},
            {"X-Forwarded-Host", "[::1"},
            {"X-Forwarded-Proto", "javascript"},
            {"Forwarded", "host=\"evil.example/x\";proto=ftp"},
            {"Forwarded", "proto=https;host"}
        };
        for (String[] header : invalid) {
            String id = uniqueId();

            ApiResponse created = register(proxy, id, header[0], header[1]);

            assertThat(created.header("Location"))
                    .as(header[0] + ": " + header[1])
                    .isEqualTo(PUBLIC_BASE + "tasks/" + id);
        }
    }

    @Test
    void withoutForwardedHeaders_aTrustedProxysRequest_showsThePublicBaseUrl() {
        String id = uniqueId();

        assertThat(register(fromTrustedProxy(), id).header("Location")).isEqualTo(PUBLIC_BASE + "tasks/" + id);
    }

    @Test
    void forwardedHeadersFromAnyOtherPeer_areIgnored_andThePublicBaseUrlIsShown() {
        String id = uniqueId();

        ApiResponse created = register(
                ApiClient.ofTestedService(),
                id,
                "X-Forwarded-Proto",
                "http",
                "X-Forwarded-Host",
                "evil.example",
                "Forwarded",
                "proto=http;host=evil.example");

        assertThat(created.header("Location")).isEqualTo(PUBLIC_BASE + "tasks/" + id);
    }

    @Test
    void theRestOfTheApi_isServedAsUsual_behindTheProxy() {
        ApiClient proxy = fromTrustedProxy();
        String id = uniqueId();
        register(proxy, id, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.org");

        assertThat(proxy.get("/tasks/" + id, "X-Forwarded-Proto", "https").status())
                .isEqualTo(200);
        assertThat(proxy.get("/tasks?limit=1", "X-Forwarded-Host", "api.example.org")
                        .status())
                .isEqualTo(200);
        assertThat(proxy.get("/tasks/not%20an%20id", "X-Forwarded-Host", "api.example.org")
                        .json()
                        .get("instance")
                        .asText())
                .isEqualTo("/tasks/not%20an%20id");
    }

    private static ApiResponse register(ApiClient client, String id, String... headers) {
        ApiResponse created = client.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"report\"}", headers);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private static ApiClient fromTrustedProxy() {
        try {
            return ApiClient.ofTestedServiceFrom(InetAddress.getByName("127.0.0.2"));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uniqueId() {
        return "proxied-" + UUID.randomUUID();
    }
}
