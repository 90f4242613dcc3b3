package dev.taskregistry.domain;

/**
 * Text that every store and every client can hold exactly: no UTF-16 surrogate outside a pair. JSON can
 * carry a lone surrogate as an escape (backslash, u, D800), but UTF-8 cannot encode one: Redis would keep
 * {@code ?} in its place and a JSON writer would fail to send it back.
 */
final class UnicodeText {

    private UnicodeText() {}

    /** Throws {@link InvalidTaskField} naming {@code field} and the position of the first lone surrogate. */
    static void requireWellFormed(TaskField field, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidTaskField(
                        field,
                        String.format(
                                "must be valid Unicode text; it holds a lone surrogate"
                                        + " \\u%04X at character %d (a non-BMP character is sent as a pair such as \\ud83d\\ude00)",
                                (int) c, i));
            }
        }
    }
}
