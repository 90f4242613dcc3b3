package dev.taskregistry.bootstrap.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** Strict percent-decoding of a raw path or query: a bad escape or bytes that are not UTF-8 mean no text at all. */
final class PercentEncoding {

    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private PercentEncoding() {}

    /** The decoded text, or empty when {@code raw} has a bad escape or is not UTF-8 (where URLDecoder would put U+FFFD). */
    static Optional<String> decode(String raw) {
        if (BAD_ESCAPE.matcher(raw).find()) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.put((byte) Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.flip())
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    /**
     * Which part of a request target ({@code /path?query}) cannot be decoded: {@code path}, the name of the
     * first query parameter whose value cannot, or {@code query} when even that name cannot; empty when all can.
     */
    static Optional<String> malformedPart(String rawPath, String rawQuery) {
        if (decode(rawPath).isEmpty()) {
            return Optional.of("path");
        }
        for (String parameter : rawQuery.isEmpty() ? new String[0] : rawQuery.split("&")) {
            if (decode(parameter).isEmpty()) {
                return Optional.of(decode(parameter.split("=", 2)[0])
                        .filter(name -> !name.isBlank())
                        .orElse("query"));
            }
        }
        return Optional.empty();
    }
}
