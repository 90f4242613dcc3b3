package dev.taskregistry.bootstrap;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The stores {@link Setting#STORE} can name. */
enum StoreKind {
    INMEMORY,
    REDIS;

    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static StoreKind fromConfig(String value) {
        for (StoreKind kind : values()) {
            if (kind.configName().equals(value == null ? null : value.strip())) {
                return kind;
            }
        }
        String valid = Arrays.stream(values()).map(StoreKind::configName).collect(Collectors.joining(", "));
        throw new IllegalStateException(Setting.STORE.key() + " (env " + Setting.STORE.environmentVariable()
                + ") must be one of: " + valid + "; was '" + value + "'");
    }
}
