package dev.taskregistry.adapters.rest.model;

/**
 * The patterns the OpenAPI document states for ids and types, as the domain's {@code TaskId} and
 * {@code TaskType} enforce them (length included); the bootstrap tests check that the two agree.
 */
public final class FieldPatterns {

    public static final String TASK_ID = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";
    public static final String TASK_TYPE = "^[a-z0-9_.-]{1,64}$";

    private FieldPatterns() {}
}
