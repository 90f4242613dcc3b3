package dev.taskregistry.adapters.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.taskregistry.adapters.rest.model.StatsResponse;
import dev.taskregistry.adapters.rest.model.TaskPageResponse;
import dev.taskregistry.adapters.rest.model.TaskResponse;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes the bodies of the hot answers (a task, a page, the stats) with the API's mapper and a writer made once per
 * type. Jersey's Jackson provider looks its writer up per response under a key that hashes every annotation of the
 * resource method, OpenAPI's included: 6% of the CPU of {@code GET /tasks/{id}} (JFR, docs/BENCHMARKS.md). A writer
 * for the exact type is chosen before that provider's, which writes every other body as before.
 */
public final class ResponseBodyWriters {

    private ResponseBodyWriters() {}

    /** One response type's body, as the API's mapper writes it. */
    abstract static class JsonBodyWriter<T> implements MessageBodyWriter<T> {

        /**
         * One writer per type for the process, however often the container makes a writer of this class (a
         * {@code @Dependent} provider). The entity stream belongs to the container: Jackson must not close it.
         */
        private static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {
            @Override
            protected ObjectWriter computeValue(Class<?> type) {
                return ObjectMapperResolver.MAPPER.writerFor(type).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            }
        };

        private final Class<T> type;
        private final ObjectWriter writer;

        JsonBodyWriter(Class<T> type) {
            this.type = type;
            this.writer = WRITERS.get(type);
        }

        @Override
        public boolean isWriteable(Class<?> given, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return given == type && MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType);
        }

        @Override
        public void writeTo(
                T body,
                Class<?> given,
                Type genericType,
                Annotation[] annotations,
                MediaType mediaType,
                MultivaluedMap<String, Object> headers,
                OutputStream entity)
                throws IOException {
            writer.writeValue(entity, body);
        }
    }

    /** {@code GET /tasks/{id}} and every change of a task. */
    @Provider
    @Dependent
    @Produces(MediaType.APPLICATION_JSON)
    public static class TaskBody extends JsonBodyWriter<TaskResponse> {
        public TaskBody() {
            super(TaskResponse.class);
        }
    }

    /** {@code GET /tasks}. */
    @Provider
    @Dependent
    @Produces(MediaType.APPLICATION_JSON)
    public static class TaskPageBody extends JsonBodyWriter<TaskPageResponse> {
        public TaskPageBody() {
            super(TaskPageResponse.class);
        }
    }

    /** {@code GET /stats}. */
    @Provider
    @Dependent
    @Produces(MediaType.APPLICATION_JSON)
    public static class StatsBody extends JsonBodyWriter<StatsResponse> {
        public StatsBody() {
            super(StatsResponse.class);
        }
    }
}
