package dev.taskregistry.benchmarks.shards;

import dev.taskregistry.benchmarks.shards.ClusterTopology.Node;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Where the shards of a sharded registry (DESIGN.md §9) lie on a Redis Cluster, and, on request, spreads them
 * evenly over the masters. Shard k of registry {@code p} with S > 1 shards is the hash tag {@code {p:k}}, so one
 * slot, and CRC16 places those S slots on the masters by chance: 12 shards on 3 masters land 4/4/4 only now and
 * then (5/4/3 or 6/3/3 are common), and the busiest master then does a third more of the work than its share.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.taskregistry.benchmarks.shards.ShardSlots \
 *     --nodes 127.0.0.1:7000 --prefix taskregistry --shards 12 [--balance] [--user NAME]
 * </pre>
 *
 * prints each shard's tag, slot, master and the keys in that slot, then how many shards each master holds. With
 * {@code --balance} it moves shard slots from the masters holding most to those holding fewest until the counts
 * differ by at most one, <b>only slots that hold no key</b>: run it after creating the cluster and before the first
 * worker starts with that shard count. It refuses, moving nothing, when a slot it would move holds keys (a
 * registry already loaded: move those slots with {@code redis-cli --cluster reshard}, which migrates keys). Each
 * move is the sequence {@code redis-cli --cluster} uses: {@code CLUSTER SETSLOT <slot> IMPORTING} on the target,
 * {@code MIGRATING} on the owner (from then on a new key of the slot is redirected to the target, so the emptiness
 * check after it cannot be overtaken by a write), then {@code SETSLOT <slot> NODE <target>} on the target, the
 * owner and every other master; it waits until every node agrees. The password comes from {@code REDISCLI_AUTH},
 * as for redis-cli.
 */
public final class ShardSlots {

    private static final long AGREE_TIMEOUT_NANOS = 10_000_000_000L;

    private final HostAndPort seed;
    private final JedisClientConfig config;

    ShardSlots(HostAndPort seed, JedisClientConfig config) {
        this.seed = seed;
        this.config = config;
    }

    /** One shard: its tag, slot and the master serving it. */
    record Shard(int number, String tag, int slot, Node master) {}

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean balance = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--balance")) {
                balance = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                usage("unknown argument " + args[i]);
            }
        }
        if (!options.keySet().containsAll(List.of("nodes", "prefix", "shards"))) {
            usage("--nodes, --prefix and --shards are required");
        }
        String first = options.get("nodes").split(",")[0].strip();
        HostAndPort seed = HostAndPort.from(first);
        ShardSlots slots = new ShardSlots(
                seed,
                ClusterTopology.config(
                        Optional.ofNullable(options.get("user")), Optional.ofNullable(System.getenv("REDISCLI_AUTH"))));
        String prefix = options.get("prefix");
        int count = Integer.parseInt(options.get("shards"));
        try {
            if (balance) {
                slots.balance(prefix, count, System.out);
            }
            slots.print(prefix, count, System.out);
        } catch (IllegalStateException refused) {
            System.err.println(refused.getMessage());
            System.exit(1);
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: ShardSlots --nodes host:port[,host:port] --prefix PREFIX --shards S [--balance]"
                + " [--user NAME]   (password from REDISCLI_AUTH)");
        System.exit(2);
    }

    /** The hash tag of shard k, as the adapter's ShardLayout names it: {@code {p}} unsharded, else {@code {p:k}}. */
    static String tag(String prefix, int count, int k) {
        return count == 1 ? "{" + prefix + "}" : "{" + prefix + ":" + k + "}";
    }

    List<Shard> shards(String prefix, int count) {
        ClusterTopology topology = ClusterTopology.of(seed, config);
        List<Shard> shards = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            String tag = tag(prefix, count, k);
            int slot = JedisClusterCRC16.getSlot(tag + ":idx:all");
            Node owner = topology.ownerOf(slot)
                    .orElseThrow(() -> new IllegalStateException("no master serves slot " + slot + " of " + tag));
            shards.add(new Shard(k, tag, slot, owner));
        }
        return shards;
    }

    /** How many shards each master holds, every master listed (by address). */
    Map<String, Integer> shardsPerMaster(String prefix, int count) {
        Map<String, Integer> perMaster = new TreeMap<>();
        ClusterTopology.of(seed, config)
                .masters()
                .forEach(m -> perMaster.put(m.address().toString(), 0));
        shards(prefix, count)
                .forEach(shard -> perMaster.merge(shard.master().address().toString(), 1, Integer::sum));
        return perMaster;
    }

    void print(String prefix, int count, PrintStream out) {
        out.printf("%-6s %-28s %6s  %-22s %s%n", "shard", "tag", "slot", "master", "keys in slot");
        for (Shard shard : shards(prefix, count)) {
            out.printf(
                    "%-6d %-28s %6d  %-22s %d%n",
                    shard.number(),
                    shard.tag(),
                    shard.slot(),
                    shard.master().address(),
                    keysIn(shard.master(), shard.slot()));
        }
        out.println("shards per master: " + shardsPerMaster(prefix, count));
    }

    /**
     * Moves empty shard slots until the masters' shard counts differ by at most one (as near as slots shared by two
     * shards allow). Moves nothing and throws when a slot to move holds keys.
     *
     * @return the number of slots moved
     */
    int balance(String prefix, int count, PrintStream out) {
        List<Node> masters = ClusterTopology.of(seed, config).masters();
        Map<Integer, Integer> shardsInSlot = new TreeMap<>();
        Map<Integer, Node> owner = new TreeMap<>();
        for (Shard shard : shards(prefix, count)) {
            shardsInSlot.merge(shard.slot(), 1, Integer::sum);
            owner.put(shard.slot(), shard.master());
        }
        List<int[]> moves = plan(masters, shardsInSlot, owner);
        for (int[] move : moves) {
            long keys = keysIn(owner.get(move[0]), move[0]);
            if (keys > 0) {
                throw new IllegalStateException("slot " + move[0] + " already holds " + keys + " keys: ShardSlots moves"
                        + " only empty slots, before the registry is loaded (redis-cli --cluster reshard migrates"
                        + " keys); nothing was moved");
            }
        }
        for (int[] move : moves) {
            Node from = owner.get(move[0]);
            Node to = masters.get(move[1]);
            out.printf("moving slot %d from %s to %s%n", move[0], from.address(), to.address());
            move(move[0], from, to, masters);
        }
        return moves.size();
    }

    /**
     * Slot moves {slot, index of the target master}: each from the master holding most shards to the one holding
     * fewest, a slot of w shards only while w is less than their difference (so the sum of squared counts falls).
     */
    static List<int[]> plan(List<Node> masters, Map<Integer, Integer> shardsInSlot, Map<Integer, Node> owner) {
        Map<Integer, Integer> at = new TreeMap<>();
        List<String> ids = masters.stream().map(Node::id).toList();
        for (Map.Entry<Integer, Node> slot : owner.entrySet()) {
            at.put(slot.getKey(), ids.indexOf(slot.getValue().id()));
        }
        List<int[]> moves = new ArrayList<>();
        while (true) {
            int[] load = new int[masters.size()];
            at.forEach((slot, master) -> load[master] += shardsInSlot.get(slot));
            int most = 0;
            int fewest = 0;
            for (int m = 0; m < load.length; m++) {
                most = load[m] > load[most] ? m : most;
                fewest = load[m] < load[fewest] ? m : fewest;
            }
            int gap = load[most] - load[fewest];
            int busiest = most;
            Optional<Integer> candidate = at.entrySet().stream()
                    .filter(slot -> slot.getValue() == busiest && shardsInSlot.get(slot.getKey()) < gap)
                    .map(Map.Entry::getKey)
                    .min(Comparator.comparing(shardsInSlot::get));
            if (candidate.isEmpty()) {
                return moves;
            }
            at.put(candidate.get(), fewest);
            moves.add(new int[] {candidate.get(), fewest});
        }
    }

    private void move(int slot, Node from, Node to, List<Node> masters) {
        try (Jedis target = new Jedis(to.address(), config);
                Jedis source = new Jedis(from.address(), config)) {
            target.clusterSetSlotImporting(slot, from.id());
            source.clusterSetSlotMigrating(slot, to.id());
            long keys = source.clusterCountKeysInSlot(slot);
            if (keys > 0) {
                source.clusterSetSlotStable(slot);
                target.clusterSetSlotStable(slot);
                throw new IllegalStateException(
                        "slot " + slot + " received " + keys + " keys while being moved: left where it was");
            }
            target.clusterSetSlotNode(slot, to.id());
            source.clusterSetSlotNode(slot, to.id());
        }
        for (Node master : masters) {
            if (!master.id().equals(from.id()) && !master.id().equals(to.id())) {
                try (Jedis other = new Jedis(master.address(), config)) {
                    other.clusterSetSlotNode(slot, to.id());
                }
            }
        }
        awaitAgreement(slot, to);
    }

    /** Until every node, replicas too, names {@code to} as the slot's master. */
    private void awaitAgreement(int slot, Node to) {
        long deadline = System.nanoTime() + AGREE_TIMEOUT_NANOS;
        for (Node node : ClusterTopology.of(seed, config).nodes()) {
            while (true) {
                Optional<Node> seen = ClusterTopology.of(node.address(), config).ownerOf(slot);
                if (seen.isPresent() && seen.get().id().equals(to.id())) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(node.address() + " still does not see slot " + slot + " on "
                            + to.address() + " after 10 s");
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster to agree", e);
        }
    }

    private long keysIn(Node master, int slot) {
        try (Jedis node = new Jedis(master.address(), config)) {
            return node.clusterCountKeysInSlot(slot);
        }
    }
}
