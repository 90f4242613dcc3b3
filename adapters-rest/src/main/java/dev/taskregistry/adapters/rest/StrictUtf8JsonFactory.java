package dev.taskregistry.adapters.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies as UTF-8 text that must be well formed (a malformed byte is an error, never a
 * silent U+FFFD). Jackson's own byte parser (2.21) rejects a surrogate pair written as escapes in an
 * object key (a key holding an emoji, as Python's {@code json.dumps} writes it) as invalid UTF-8;
 * its character parser reads it correctly.
 */
final class StrictUtf8JsonFactory extends JsonFactory {

    private static final long serialVersionUID = 1L;

    StrictUtf8JsonFactory() {}

    private StrictUtf8JsonFactory(StrictUtf8JsonFactory source) {
        super(source, null);
    }

    @Override
    public JsonFactory copy() {
        return new StrictUtf8JsonFactory(this);
    }

    @Override
    public JsonParser createParser(InputStream in) throws IOException {
        return createParser(new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }
}
