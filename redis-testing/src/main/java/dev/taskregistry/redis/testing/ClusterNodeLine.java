package dev.taskregistry.redis.testing;

import java.util.List;

/**
 * One line of {@code CLUSTER NODES}: {@code <id> <ip:port@bus> <flags> <master id or -> <ping> <pong> <epoch>
 * <link> <slot ranges...>}.
 */
record ClusterNodeLine(String id, int port, List<String> flags, String masterId, List<String> slotRanges) {

    static ClusterNodeLine parse(String line) {
        String[] fields = line.strip().split(" ");
        String address = fields[1];
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
        List<String> slots = List.of(fields).subList(8, fields.length);
        return new ClusterNodeLine(fields[0], port, List.of(fields[2].split(",")), fields[3], slots);
    }

    /** A master that no node considers failed. */
    boolean isMaster() {
        return flags.contains("master") && !flags.contains("fail") && !flags.contains("fail?");
    }

    boolean serves(int slot) {
        for (String range : slotRanges) {
            if (range.startsWith("[")) {
                continue; // a slot being migrated or imported
            }
            String[] bounds = range.split("-");
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length == 1 ? from : Integer.parseInt(bounds[1]);
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }
}
