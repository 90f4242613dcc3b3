package dev.taskregistry.application;

import dev.taskregistry.domain.TaskId;

/** Builds a task's resource URL from a template in which {@code {id}} stands for the task id. */
public record ResourceUrlTemplate(String template) {

    public static final String ID_PLACEHOLDER = "{id}";

    public ResourceUrlTemplate {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("resource URL template must not be blank");
        }
    }

    public String urlFor(TaskId id) {
        return template.replace(ID_PLACEHOLDER, id.value());
    }
}
