package dev.taskregistry.adapters.rest.error;

/**
 * A part of the request that only this adapter reads (the body as a whole, a header, the listing cursor) is
 * not valid; {@link #field()} names it as the client sent it.
 */
public final class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String problem) {
        super("'" + field + "' " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
