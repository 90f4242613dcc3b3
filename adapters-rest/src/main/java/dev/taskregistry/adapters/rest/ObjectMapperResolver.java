package dev.taskregistry.adapters.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Hands Jersey the API's ObjectMapper. {@code @Dependent}: an {@code @ApplicationScoped} resolver is never called. */
@Provider
@Dependent
public class ObjectMapperResolver implements ContextResolver<ObjectMapper> {

    static final ObjectMapper MAPPER = JsonMapping.createMapper();

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return MAPPER;
    }
}
