package dev.lanes.cli.consume;

import dev.lanes.testkit.Invocation;
import dev.lanes.testkit.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a {@code lanes consume --journal} file, parsed strictly: the line must be a JSON
 * object with exactly the documented fields, in order, with valid JSON strings and numbers.
 */
record JournalLine(String topic, int partition, long offset, String key, int attempt,
                   long startMicros, long endMicros, String outcome, String instance) {

    private static final String STRING = "\"((?:[^\"\\\\\\x00-\\x1f]|\\\\[\"\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4})*)\"";
    private static final String NUMBER = "(0|[1-9]\\d*)";
    private static final Pattern LINE = Pattern.compile("\\{\"topic\":" + STRING
            + ",\"partition\":" + NUMBER + ",\"offset\":" + NUMBER
            + ",\"key\":(?:null|" + STRING + ")"
            + ",\"attempt\":" + NUMBER + ",\"startMicros\":" + NUMBER + ",\"endMicros\":" + NUMBER
            + ",\"outcome\":\"(ok|error|timeout|dead-letter|skipped)\",\"instance\":" + STRING + "\\}");

    static JournalLine parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("not a journal line: " + line);
        }
        return new JournalLine(unescape(m.group(1)), Integer.parseInt(m.group(2)),
                Long.parseLong(m.group(3)), m.group(4) == null ? null : unescape(m.group(4)),
                Integer.parseInt(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)),
                m.group(8), unescape(m.group(9)));
    }

    /** The invocation this line journals, for the test kit's checker (times in nanoseconds). */
    Invocation toInvocation() {
        return new Invocation(topic, partition, offset, key, attempt, startMicros * 1_000, endMicros * 1_000,
                Outcome.valueOf(outcome.toUpperCase(Locale.ROOT).replace('-', '_')), instance);
    }

    /** Every complete line of the file (a line cut by a kill has no newline and is left out). */
    static List<JournalLine> readAll(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<JournalLine> lines = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            lines.add(parse(text.substring(start, nl)));
            start = nl + 1;
        }
        return lines;
    }

    /** Complete lines so far, without parsing. */
    static long count(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }
}
