package dev.taskregistry.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.RedisClient;

/**
 * The design of the original service, rebuilt for comparison only: every listing and every count runs
 * KEYS over the task prefix, GETs each key (one round trip each, as the original did) and filters, sorts
 * and counts in the client. Its cost grows with the number of tasks; never use it in a request path.
 */
final class NaiveTaskRegistry {

    private static final Comparator<JsonNode> LATEST_EXPIRY_FIRST = Comparator.comparing(
                    (JsonNode doc) -> doc.path("expires_at").asText())
            .thenComparing(doc -> doc.path("id").asText())
            .reversed();

    private final RedisClient client;
    private final String taskKeyPattern;
    private final ObjectMapper mapper = new ObjectMapper();

    NaiveTaskRegistry(RedisClient client, String taskKeyPattern) {
        this.client = client;
        this.taskKeyPattern = taskKeyPattern;
    }

    /** A page of tasks, latest expiry first, optionally of one status (null for all). */
    List<JsonNode> list(String status, int limit) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode doc : readAll()) {
            if (status == null || status.equals(doc.path("status").asText())) {
                matching.add(doc);
            }
        }
        matching.sort(LATEST_EXPIRY_FIRST);
        return matching.subList(0, Math.min(limit, matching.size()));
    }

    /** Counts by type and status, as the original's /stats computed them. */
    Map<String, Object> stats() {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        long total = 0;
        for (JsonNode doc : readAll()) {
            total++;
            byType.merge(doc.path("type").asText(), 1L, Long::sum);
            byStatus.merge(doc.path("status").asText(), 1L, Long::sum);
        }
        Map<String, Object> stats = new HashMap<>();
        stats.put("total_tasks", total);
        stats.put("tasks_by_type", byType);
        stats.put("tasks_by_status", byStatus);
        return stats;
    }

    private List<JsonNode> readAll() {
        List<JsonNode> docs = new ArrayList<>();
        for (String key : client.keys(taskKeyPattern)) {
            String json = client.get(key);
            if (json != null) {
                docs.add(parse(json));
            }
        }
        return docs;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }
}
