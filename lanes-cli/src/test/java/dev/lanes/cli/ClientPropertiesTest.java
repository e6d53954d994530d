package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --command-config} and {@code --property} of every command that talks to Kafka, and
 * {@code lanes broker --config}: their help, their precedence, and bad input as one line
 * (127.0.0.1:9 answers nothing: each failure comes before any connection).
 */
class ClientPropertiesTest {

    private static final String NOWHERE = "127.0.0.1:9";

    @TempDir
    Path dir;

    @Test
    void everyCommandThatTalksToKafkaShowsBothOptionsInItsHelp() {
        for (List<String> command : List.of(List.of("produce"), List.of("consume"), List.of("demo"),
                List.of("bench"), List.of("dlt", "replay"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(command.toString()).isZero();
            assertThat(run.out()).as(command.toString())
                    .contains("--command-config=FILE", "--property=NAME=VALUE");
        }
        assertThat(CliRun.of("broker", "--help").out()).contains("--config=NAME=VALUE");
    }

    @Test
    void propertiesOverTheFileOverTheCommandsDefaultsAndTheBootstrapOverAll() throws Exception {
        Path file = write("client.properties", "# a comment\n! another\n\nclient.id = from-file\n"
                + "security.protocol=SASL_SSL\nbootstrap.servers=elsewhere:9092\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n"
                + "    username=\"u\" password=\"p\";\n");
        Mixed mixed = parse("--command-config", file.toString(), "--property", "client.id=from-flag",
                "--property", "request.timeout.ms=7000", "--property", "ssl.keystore.password=a=b");

        KafkaClients clients = mixed.clientProperties.clients(mixed.spec, "b:1");
        Map<String, Object> props = clients.properties(Map.of("client.id", "default", "linger.ms", 5));

        assertThat(props).containsEntry("client.id", "from-flag").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("request.timeout.ms", "7000").containsEntry("linger.ms", 5)
                .containsEntry("ssl.keystore.password", "a=b").containsEntry("bootstrap.servers", "b:1")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"u\" password=\"p\";");
        // The dead-letter producer gets them too, but keeps its own client.id (<consumer's>-dead-letters).
        assertThat(clients.deadLetterProducerProperties()).containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("client.id");
    }

    @Test
    void aMissingFileIsOneLine() {
        Path missing = dir.resolve("missing.properties");
        for (String command : List.of("produce", "consume", "dlt")) {
            CliRun run = run(command, "--command-config", missing.toString());
            run.assertBadInput("lanes: error: --command-config " + missing + ": cannot read it (no such file)"
                    + " (see '" + qualified(command) + " --help')");
        }
    }

    @Test
    void aLineWithoutNameAndValueIsOneLineNamingIt() throws Exception {
        Path file = write("bad.properties", "client.id=x\n# fine\nsecurity.protocol SASL_SSL\n");
        run("produce", "--command-config", file.toString()).assertBadInput("lanes: error: --command-config " + file
                + " line 3: expected NAME=VALUE, was 'security.protocol SASL_SSL' (see 'lanes produce --help')");
        Path noName = write("noname.properties", "=x\n");
        run("consume", "--command-config", noName.toString()).assertBadInput("lanes: error: --command-config "
                + noName + " line 1: expected NAME=VALUE, was '=x' (see 'lanes consume --help')");
    }

    @Test
    void aPropertyWithoutAnEqualsSignIsOneLine() {
        for (String command : List.of("produce", "consume", "dlt", "demo", "bench")) {
            run(command, "--property", "client.id").assertBadInput("lanes: error: --property must be"
                    + " NAME=VALUE, was 'client.id' (see '" + qualified(command) + " --help')");
        }
        run("consume", "--property", "=x").assertBadInput("lanes: error: --property must be NAME=VALUE,"
                + " was '=x' (see 'lanes consume --help')");
    }

    @Test
    void aBrokerConfigWithoutAnEqualsSignIsOneLine() {
        CliRun.of("broker", "--config", "log.retention.ms").assertBadInput("lanes: error: --config must be"
                + " NAME=VALUE, was 'log.retention.ms' (see 'lanes broker --help')");
    }

    /** A run of the command with its required options (against nowhere) and the given ones. */
    private static CliRun run(String command, String... options) {
        List<String> args = new java.util.ArrayList<>(switch (command) {
            case "produce" -> List.of("produce", "--bootstrap", NOWHERE, "--topic", "t", "--count", "1");
            case "consume" -> List.of("consume", "--bootstrap", NOWHERE, "--topic", "t", "--group", "g",
                    "--ordering", "KEY", "--concurrency", "4");
            case "dlt" -> List.of("dlt", "replay", "--bootstrap", NOWHERE, "--topic", "t");
            case "demo", "bench" -> List.of(command, "--bootstrap", NOWHERE);
            default -> throw new IllegalArgumentException(command);
        });
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String qualified(String command) {
        return command.equals("dlt") ? "lanes dlt replay" : "lanes " + command;
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Mixed parse(String... args) {
        Mixed mixed = new Mixed();
        new CommandLine(mixed).parseArgs(args);
        return mixed;
    }

    @CommandLine.Command(name = "mixed")
    static final class Mixed {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ClientProperties clientProperties;
    }
}
