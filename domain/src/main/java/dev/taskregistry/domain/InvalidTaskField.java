package dev.taskregistry.domain;

/** A value broke a rule; {@link #field()} names the input field (as on the wire) that is wrong. */
public final class InvalidTaskField extends TaskRegistryException {

    private final String field;

    public InvalidTaskField(String field, String problem) {
        super("'" + field + "' " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
