package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeKind;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads an entry of the events stream, as the scripts write it ({@code kind, id, type, status, version} and,
 * for a stored change, {@code task}, the document), as a {@link TaskChange}.
 */
final class ChangeEventDecoder {

    private final TaskDocumentCodec codec;
    private final FeedPositions positions;

    ChangeEventDecoder(TaskDocumentCodec codec, FeedPositions positions) {
        this.codec = codec;
        this.positions = positions;
    }

    /** @throws IllegalStateException when the entry is not an event the scripts write */
    TaskChange decode(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        try {
            TaskChangeKind kind =
                    TaskChangeKind.valueOf(required(fields, "kind").toUpperCase(Locale.ROOT));
            String version = fields.get("version");
            Optional<Task> task = kind.storesTask()
                    ? Optional.of(codec.decode(required(fields, "task"))
                            .orElseThrow(() -> new IllegalArgumentException("the document has no expires_at")))
                    : Optional.empty();
            return new TaskChange(
                    positions.of(entry.getID()),
                    kind,
                    TaskId.of(required(fields, "id")),
                    TaskType.of(required(fields, "type")),
                    StoredStatus.named(required(fields, "status")),
                    version == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(version)),
                    task);
        } catch (RuntimeException unreadable) {
            throw new IllegalStateException(
                    "unreadable event " + entry.getID() + ": " + unreadable.getMessage(), unreadable);
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no '" + name + "'");
        }
        return value;
    }
}
