package dev.taskregistry.adapters.mcp.tools;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A tool call's arguments, read with errors that name the argument, as the client sent it. */
final class ToolArguments {

    private final Map<String, Object> values;

    /** @throws BadArgument for an argument the tool does not take */
    ToolArguments(Map<String, Object> values, Set<String> known) {
        this.values = values == null ? Map.of() : values;
        for (String name : this.values.keySet()) {
            if (!known.contains(name)) {
                throw new BadArgument(
                        name,
                        "is not an argument of this tool"
                                + (known.isEmpty()
                                        ? "; it takes none"
                                        : "; it takes "
                                                + String.join(
                                                        ", ",
                                                        known.stream().sorted().toList())));
            }
        }
    }

    String requiredText(String name) {
        return optionalText(name).orElseThrow(() -> new BadArgument(name, "is required (a string)"));
    }

    Optional<String> optionalText(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new BadArgument(name, "must be a string, was " + kindOf(value));
        }
        return Optional.of(text);
    }

    Optional<Integer> optionalInteger(String name, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        String range = "must be a whole number from " + min + " to " + max;
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new BadArgument(name, range + ", was " + kindOf(value));
        }
        double whole = number.doubleValue();
        if (whole < min || whole > max) {
            throw new BadArgument(name, range + ", was " + number);
        }
        return Optional.of((int) whole);
    }

    private static String kindOf(Object value) {
        return switch (value) {
            case String text -> "a string";
            case Number number -> "the number " + number;
            case Boolean bool -> "a boolean";
            case Map<?, ?> map -> "an object";
            case Iterable<?> list -> "an array";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    /** An argument the tool cannot use; the message names it. */
    static final class BadArgument extends RuntimeException {

        BadArgument(String name, String problem) {
            super("Argument '" + name + "' " + problem + ".");
        }
    }
}
