package dev.taskregistry.adapters.rest.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForwardedHeadersTest {

    @Test
    void theStandardHeader_givesProtoAndHost_ofItsLastHop() {
        ForwardedHeaders forwarded = ForwardedHeaders.read(
                List.of(
                        "for=192.0.2.60;proto=http;host=first.example",
                        "for=\"[2001:db8::17]:4711\";Proto=HTTPS;Host=\"api.example.org:8443\""),
                null,
                null);

        assertThat(forwarded)
                .isEqualTo(new ForwardedHeaders(Optional.of("https"), Optional.of("api.example.org:8443")));
    }

    @Test
    void quotedCommasAndSemicolons_doNotSplitAHop() {
        ForwardedHeaders forwarded = ForwardedHeaders.read(
                List.of("for=\"a,b;c\";proto=https, for=x;by=\"y;z\";host=api.example.org"), null, null);

        assertThat(forwarded).isEqualTo(new ForwardedHeaders(Optional.empty(), Optional.of("api.example.org")));
    }

    @Test
    void xForwardedHeaders_countWhenTheStandardOneNamesNeitherProtoNorHost() {
        ForwardedHeaders forwarded = ForwardedHeaders.read(
                List.of("for=192.0.2.60"), List.of("http, https"), List.of("a.example, b.example"));

        assertThat(forwarded).isEqualTo(new ForwardedHeaders(Optional.of("https"), Optional.of("b.example")));
    }

    @Test
    void aMalformedStandardHeader_isIgnoredWhole() {
        ForwardedHeaders forwarded = ForwardedHeaders.read(List.of("proto=https;host"), List.of("https"), null);

        assertThat(forwarded).isEqualTo(new ForwardedHeaders(Optional.of("https"), Optional.empty()));
        assertThat(ForwardedHeaders.read(List.of("proto=\"https"), null, null).isPresent())
                .isFalse();
        assertThat(ForwardedHeaders.read(List.of("proto=ht\"tps"), null, null).isPresent())
                .isFalse();
    }

    @Test
    void noHeaders_forwardNothing() {
        assertThat(ForwardedHeaders.read(null, null, null).isPresent()).isFalse();
        assertThat(ForwardedHeaders.read(List.of(), List.of(" "), List.of("")).isPresent())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp", "javascript", "http2", "", "https://"})
    void aProtoOtherThanHttpOrHttps_isIgnored(String proto) {
        assertThat(ForwardedHeaders.read(null, List.of(proto), null).proto()).isEmpty();
        assertThat(ForwardedHeaders.read(List.of("proto=\"" + proto + "\""), null, null)
                        .proto())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "api.example.org",
                "api.example.org:8443",
                "localhost",
                "10.0.0.5:80",
                "[2001:db8::1]",
                "[2001:db8::1]:443",
                "xn--bcher-kva.example",
                "example.org."
            })
    void validHosts_areKept(String host) {
        assertThat(ForwardedHeaders.validHost(host)).contains(host);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "evil.example/phish",
                "user@evil.example",
                "evil.example:0",
                "evil.example:65536",
                "evil.example:",
                "evil.example:http",
                "-evil.example",
                "evil..example",
                "evil_example.org",
                "[::1",
                "[::1]x",
                "[fe80::1%eth0]",
                "[1.2.3.4]",
                "2001:db8::1",
                "a b",
                "evil.example?x",
                "",
                "é.example"
            })
    void invalidHosts_areIgnored(String host) {
        assertThat(ForwardedHeaders.validHost(host)).isEmpty();
    }

    @Test
    void aHostNameLongerThan253Characters_isIgnored() {
        String longName = ("a".repeat(60) + ".").repeat(5) + "example";

        assertThat(ForwardedHeaders.validHost(longName)).isEmpty();
    }
}
