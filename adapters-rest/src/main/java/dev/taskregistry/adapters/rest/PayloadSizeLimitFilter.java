package dev.taskregistry.adapters.rest;

import dev.taskregistry.adapters.rest.error.PayloadTooLarge;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bodies over 1 MiB get 413: at once when {@code Content-Length} says so, otherwise as soon as a
 * chunked body passes the limit while it is read.
 */
@Provider
@Dependent
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class PayloadSizeLimitFilter implements ContainerRequestFilter {

    public static final long MAX_BODY_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new BoundedInputStream(request.getEntityStream()));
        }
    }

    private static PayloadTooLarge tooLarge() {
        return new PayloadTooLarge(MAX_BODY_BYTES);
    }

    /** Counts what is read and fails past the limit. */
    private static final class BoundedInputStream extends FilterInputStream {

        private long remaining = MAX_BODY_BYTES;

        BoundedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int bytes) {
            remaining -= bytes;
            if (remaining < 0) {
                throw tooLarge();
            }
        }
    }
}
