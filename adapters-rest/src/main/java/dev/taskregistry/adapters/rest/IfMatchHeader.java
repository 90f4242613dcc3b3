package dev.taskregistry.adapters.rest;

import dev.taskregistry.application.ExpectedVersion;
import dev.taskregistry.domain.InvalidTaskField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code If-Match}: absent or {@code *} means any version; {@code "7"} means version 7. */
final class IfMatchHeader {

    static final String NAME = "If-Match";
    private static final Pattern STRONG_VERSION_TAG = Pattern.compile("\"([1-9][0-9]{0,17})\"");

    private IfMatchHeader() {
    }

    static ExpectedVersion parse(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return ExpectedVersion.any();
        }
        Matcher tag = STRONG_VERSION_TAG.matcher(header.strip());
        if (!tag.matches()) {
            throw new InvalidTaskField(NAME, "must be one ETag of this service, such as \"3\", or *; was " + header.strip());
        }
        return ExpectedVersion.of(Long.parseLong(tag.group(1)));
    }
}
