package dev.taskregistry.bootstrap.http;

import io.helidon.http.DirectHandler;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Puts the service's own HTTP-level handling into Helidon's server before it starts: the malformed-URI filter
 * in the routing, and problem+json answers for requests the server refuses before routing.
 */
@ApplicationScoped
public class HttpServerCustomization {

    void customize(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                    Object start,
            BeanManager beans) {
        ServerCdiExtension server = beans.getExtension(ServerCdiExtension.class);
        server.serverRoutingBuilder().addFilter(new MalformedUriFilter());
        DirectHandler problems = new ProblemDirectHandler();
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
            handlers.addHandler(event, problems);
        }
        serverBuilderOf(server).directHandlers(handlers.build());
    }

    /**
     * Helidon MP 4.4 offers no public way to set the server's direct handlers; its CDI extension keeps the
     * builder behind a package-private accessor. A Helidon upgrade that removes it fails start-up here, and
     * the tests of malformed requests fail with it.
     */
    private static WebServerConfig.Builder serverBuilderOf(ServerCdiExtension server) {
        try {
            Method accessor = ServerCdiExtension.class.getDeclaredMethod("serverBuilder");
            accessor.setAccessible(true);
            return (WebServerConfig.Builder) accessor.invoke(server);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot install problem+json answers into Helidon's server builder", e);
        }
    }
}
