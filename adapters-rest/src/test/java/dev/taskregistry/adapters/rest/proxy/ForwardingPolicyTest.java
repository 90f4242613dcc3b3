package dev.taskregistry.adapters.rest.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForwardingPolicyTest {

    private static final URI REQUEST_BASE = URI.create("http://10.0.0.9:8080/");
    private static final ForwardedHeaders HTTPS_API =
            new ForwardedHeaders(Optional.of("https"), Optional.of("api.example.org"));

    private final ForwardingPolicy policy = new ForwardingPolicy(
            Optional.of(ForwardingPolicy.publicBaseUrl("https://tasks.example.com/registry")),
            ForwardingPolicy.trustedProxies("10.0.0.5, 2001:db8::5"));

    @Test
    void byDefault_requestUrlsAreKept_andNoPeerIsTrusted() {
        ForwardingPolicy none = ForwardingPolicy.none();

        assertThat(none.keepsRequestUrls()).isTrue();
        assertThat(none.trusts("127.0.0.1")).isFalse();
        assertThat(none.baseUrl(REQUEST_BASE, ForwardedHeaders.none())).isEqualTo(REQUEST_BASE);
    }

    @Test
    void onlyTheListedAddresses_areTrusted_inAnySpelling() {
        assertThat(policy.trusts("10.0.0.5")).isTrue();
        assertThat(policy.trusts("2001:db8:0:0:0:0:0:5")).isTrue();
        assertThat(policy.trusts("[2001:db8::5]")).isTrue();
        assertThat(policy.trusts("10.0.0.6")).isFalse();
        assertThat(policy.trusts("proxy.internal")).isFalse();
        assertThat(policy.trusts(null)).isFalse();
    }

    @Test
    void forwardedValues_winOverThePublicBaseUrl() {
        assertThat(policy.baseUrl(REQUEST_BASE, HTTPS_API)).isEqualTo(URI.create("https://api.example.org/"));
        assertThat(policy.baseUrl(REQUEST_BASE, new ForwardedHeaders(Optional.of("https"), Optional.empty())))
                .isEqualTo(URI.create("https://10.0.0.9:8080/"));
    }

    @Test
    void withoutForwardedValues_thePublicBaseUrlIsShown_elseTheRequestsOwn() {
        assertThat(policy.baseUrl(REQUEST_BASE, ForwardedHeaders.none()))
                .isEqualTo(URI.create("https://tasks.example.com/registry/"));
        assertThat(new ForwardingPolicy(Optional.empty(), Set.of()).baseUrl(REQUEST_BASE, ForwardedHeaders.none()))
                .isEqualTo(REQUEST_BASE);
    }

    @Test
    void aPublicBaseUrl_isNormalisedToEndWithASlash() {
        assertThat(ForwardingPolicy.publicBaseUrl(" HTTPS://tasks.example.com "))
                .isEqualTo(URI.create("https://tasks.example.com/"));
        assertThat(ForwardingPolicy.publicBaseUrl("http://[2001:db8::1]:8080/a/b/"))
                .isEqualTo(URI.create("http://[2001:db8::1]:8080/a/b/"));
    }

    @Test
    void aBadPublicBaseUrlOrProxyList_isRefused() {
        assertThatThrownBy(() -> ForwardingPolicy.publicBaseUrl("mailto:ops@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForwardingPolicy.trustedProxies("10.0.0.5,localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'localhost'");
        assertThat(ForwardingPolicy.trustedProxies(" , 10.0.0.5 ,")).hasSize(1);
    }
}
