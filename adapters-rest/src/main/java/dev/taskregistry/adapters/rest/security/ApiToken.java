package dev.taskregistry.adapters.rest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The bearer token the API requires, if one is configured. Only its SHA-256 digest is kept, and
 * candidates are compared digest to digest in constant time, so neither content nor length leaks.
 */
public final class ApiToken {

    private final byte[] digest;

    private ApiToken(byte[] digest) {
        this.digest = digest;
    }

    /** No token: the API is open. */
    public static ApiToken none() {
        return new ApiToken(null);
    }

    public static ApiToken of(Optional<String> configured) {
        return configured
                .filter(token -> !token.isBlank())
                .map(token -> new ApiToken(sha256(token)))
                .orElseGet(ApiToken::none);
    }

    public boolean isRequired() {
        return digest != null;
    }

    public boolean matches(String candidate) {
        return digest != null && candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    @Override
    public String toString() {
        return isRequired() ? "ApiToken[set]" : "ApiToken[none]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
