package dev.taskregistry.adapters.redis;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The token of one write call, stored in the document it writes ({@code write_id}). A call that is sent again
 * after its reply was lost (a dropped connection, a failover; Jedis' Cluster client resends by itself) finds its
 * own token in the stored document and is answered as the first sending was, instead of "exists" or "conflict".
 * Two different calls never share a token, so two writers that compute the same document still conflict.
 * Uniqueness, not secrecy, is what matters: 64 random bits.
 */
record WriteId(String value) {

    static WriteId next() {
        return new WriteId(
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }
}
