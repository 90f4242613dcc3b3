package dev.taskregistry.adapters.mcp.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Announces the tasks utility in {@code initialize}'s capabilities ({@code tasks: {list, cancel}}), which the
 * SDK's capability model of this version does not know. Tools do not create tasks on request ({@code requests}
 * is absent): the registry's tasks are registered through its API and read here.
 */
public final class TasksCapability {

    private TasksCapability() {}

    /** Adds the capability to an {@code initialize} result. */
    public static void announceIn(ObjectNode initializeResult) {
        ObjectNode tasks = initializeResult.with("capabilities").putObject("tasks");
        tasks.putObject("list");
        tasks.putObject("cancel");
    }
}
