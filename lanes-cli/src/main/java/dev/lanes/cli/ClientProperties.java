package dev.lanes.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options {@code --command-config FILE} and {@code --property NAME=VALUE} that every command
 * talking to Kafka takes (a picocli mixin), read into {@link KafkaClients}. Used on the command's
 * thread; a bad file or property is bad input: one {@code lanes: error:} line, exit code 2.
 */
public final class ClientProperties {

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "A Kafka client properties file (as Kafka's own tools take it: security,"
                    + " client.id, timeouts), applied to every client the command makes.")
    Path commandConfig;

    @Option(names = "--property", paramLabel = "NAME=VALUE",
            description = "A Kafka client property for every client the command makes; repeatable,"
                    + " wins over --command-config.")
    List<String> properties = new ArrayList<>();

    /**
     * @param bootstrap the command's {@code --bootstrap}
     * @throws picocli.CommandLine.ParameterException for an unreadable file, a malformed line or property
     */
    public KafkaClients clients(CommandSpec spec, String bootstrap) {
        return KafkaClients.to(bootstrap, userProperties(spec));
    }

    /** The file's properties, then each {@code --property} over them, in the order given. */
    public Map<String, String> userProperties(CommandSpec spec) {
        Map<String, String> props = new LinkedHashMap<>();
        if (commandConfig != null) {
            props.putAll(readFile(spec));
        }
        for (String property : properties) {
            int eq = property.indexOf('=');
            if (eq <= 0 || property.substring(0, eq).isBlank()) {
                OptionCheck.fail(spec, "--property must be NAME=VALUE, was '" + property + "'");
            }
            props.put(property.substring(0, eq).strip(), property.substring(eq + 1));
        }
        return props;
    }

    private Map<String, String> readFile(CommandSpec spec) {
        String text;
        try {
            text = Files.readString(commandConfig, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            OptionCheck.fail(spec, "--command-config " + commandConfig + ": cannot read it ("
                    + (Files.exists(commandConfig) ? e.getClass().getSimpleName() : "no such file") + ")");
            return Map.of();
        }
        checkLines(spec, text);
        Properties loaded = new Properties();
        try {
            loaded.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            OptionCheck.fail(spec, "--command-config " + commandConfig + ": " + e.getMessage());
        }
        Map<String, String> props = new LinkedHashMap<>();
        loaded.stringPropertyNames().forEach(name -> props.put(name, loaded.getProperty(name)));
        return props;
    }

    /**
     * {@link Properties#load} takes a line without {@code =} or {@code :} as a name with an empty
     * value, which would send Kafka a setting the user never meant: such a line is refused, with
     * its number. Continuation lines (a trailing backslash, as in {@code sasl.jaas.config}) are
     * one logical line.
     */
    private void checkLines(CommandSpec spec, String text) {
        String[] lines = text.split("\\R", -1);
        boolean continued = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            boolean startsLogicalLine = !continued;
            continued = endsWithOddBackslashes(line);
            if (!startsLogicalLine || line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int sep = firstSeparator(line);
            if (sep <= 0) {
                OptionCheck.fail(spec, "--command-config " + commandConfig + " line " + (i + 1)
                        + ": expected NAME=VALUE, was '" + line + "'");
            }
        }
    }

    private static int firstSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int count = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }
}
