package dev.taskregistry.domain;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A value broke a rule; {@link #field()} names the value that is wrong. The problem may mention other
 * fields, so that an adapter can tell it in its own names for them ({@link #problem(Function)}).
 */
public final class InvalidTaskField extends TaskRegistryException {

    private final TaskField field;
    private final List<Object> problem;

    /**
     * @param problem what is wrong: text, and the fields it mentions, e.g.
     *                {@code "must not exceed ", TaskField.TOTAL_STEPS, " (4), was 5"}
     */
    public InvalidTaskField(TaskField field, Object... problem) {
        this(field, List.of(problem));
    }

    private InvalidTaskField(TaskField field, List<Object> problem) {
        super("'" + field + "' " + told(problem, TaskField::toString));
        this.field = field;
        this.problem = problem;
    }

    public TaskField field() {
        return field;
    }

    /** What is wrong (without the field itself), each field it mentions named by {@code names}. */
    public String problem(Function<TaskField, String> names) {
        return told(problem, names);
    }

    private static String told(List<Object> problem, Function<TaskField, String> names) {
        return problem.stream()
                .map(part -> part instanceof TaskField mentioned ? names.apply(mentioned) : String.valueOf(part))
                .collect(Collectors.joining());
    }
}
