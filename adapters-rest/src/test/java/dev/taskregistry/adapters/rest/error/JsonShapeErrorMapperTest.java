package dev.taskregistry.adapters.rest.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.taskregistry.adapters.rest.JsonMapping;
import org.junit.jupiter.api.Test;

/** A response that Jackson cannot write is the service's failure (500), not the client's bad JSON (400). */
class JsonShapeErrorMapperTest {

    @Test
    void aFailureWhileWritingAResponse_is500_whileAFailureWhileReadingIs400() {
        JsonMappingException writing = catchThrowableOfType(
                JsonMappingException.class, () -> JsonMapping.createMapper().writeValueAsString(new Unwritable()));
        JsonMappingException reading = catchThrowableOfType(
                JsonMappingException.class, () -> JsonMapping.createMapper().readValue("{\"x\":1}", Unwritable.class));

        assertThat(new JsonShapeErrorMapper().toResponse(writing).getStatus()).isEqualTo(500);
        assertThat(new JsonShapeErrorMapper().toResponse(reading).getStatus()).isEqualTo(400);
    }

    /** A bean whose only property fails when read. */
    static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("cannot be written");
        }
    }
}
