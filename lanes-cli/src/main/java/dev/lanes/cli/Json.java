package dev.lanes.cli;

/**
 * JSON string literals (RFC 8259), for the journal's lines and the reports: quotes, backslashes
 * and control characters escaped, everything else (non-ASCII included) as is, since the lines are
 * UTF-8. Unpaired surrogates are escaped too, so that the UTF-8 stays valid. And the reports'
 * numbers. Stateless.
 */
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** The string as a JSON literal, or {@code null}. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s == null ? 4 : s.length() + 2);
        quote(b, s);
        return b.toString();
    }

    /** Appends the string as a JSON literal, or {@code null}. */
    public static void quote(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || unpairedSurrogate(s, i)) {
                        unicodeEscape(b, c);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /**
     * Appends {@code , "name": value}, the value formatted with {@code format} (Locale.ROOT), or
     * {@code null} for NaN and infinities (JSON has neither).
     */
    public static void number(StringBuilder b, String name, double value, String format) {
        b.append(", \"").append(name).append("\": ")
                .append(Double.isFinite(value) ? String.format(java.util.Locale.ROOT, format, value) : "null");
    }

    private static boolean unpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private static void unicodeEscape(StringBuilder b, char c) {
        b.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }
}
