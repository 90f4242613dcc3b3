package dev.taskregistry.application;

import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskType;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes unguessable ids: {@code <prefix>-<32 lowercase hex>} from 128 random bits, the prefix taken from
 * the task type (its leading separators dropped, so the id starts with a letter or digit).
 */
public final class TaskIdGenerator {

    private static final int RANDOM_BYTES = 16;
    private static final String FALLBACK_PREFIX = "task";

    private final SecureRandom random;

    public TaskIdGenerator(SecureRandom random) {
        this.random = random;
    }

    public TaskId next(TaskType type) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return TaskId.of(prefixOf(type) + "-" + HexFormat.of().formatHex(bytes));
    }

    private static String prefixOf(TaskType type) {
        String prefix = type.value().replaceFirst("^[._-]+", "");
        return prefix.isEmpty() ? FALLBACK_PREFIX : prefix;
    }
}
