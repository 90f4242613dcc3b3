package dev.taskregistry.adapters.rest;

import dev.taskregistry.adapters.rest.error.InvalidInput;
import dev.taskregistry.application.ExpectedVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code If-Match} as RFC 9110 defines it: absent or {@code *} means any version; otherwise a list of
 * entity tags, of which this service's are strong tags holding a version ({@code "7"}). A weak tag or a tag
 * this service never sends can never match a change (the strong comparison), so a list of only those is
 * answered 412; a header that is not a list of entity tags is a 400.
 */
final class IfMatchHeader {

    static final String NAME = "If-Match";
    /** One list element: an optional weak prefix and an opaque tag (etagc = %x21 / %x23-7E / obs-text). */
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"");

    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private IfMatchHeader() {}

    static ExpectedVersion parse(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return ExpectedVersion.any();
        }
        List<Long> versions = new ArrayList<>();
        for (String element : header.split(",", -1)) {
            String tag = element.strip();
            if (tag.isEmpty()) {
                continue; // RFC 9110 section 5.6.1: empty list elements are allowed and ignored
            }
            Matcher entityTag = ENTITY_TAG.matcher(tag);
            if (!entityTag.matches()) {
                throw new InvalidInput(
                        NAME,
                        "must be * or a list of entity tags such as \"3\" or \"3\", \"4\"; was " + header.strip());
            }
            if (entityTag.group(1) == null
                    && VERSION.matcher(entityTag.group(2)).matches()) {
                versions.add(Long.parseLong(entityTag.group(2)));
            }
        }
        return ExpectedVersion.oneOf(versions);
    }
}
