package dev.lanes.cli;

import dev.lanes.cli.bench.BenchCommand;
import dev.lanes.cli.broker.BrokerCommand;
import dev.lanes.cli.consume.ConsumeCommand;
import dev.lanes.cli.demo.DemoCommand;
import dev.lanes.cli.dlt.DltCommand;
import dev.lanes.cli.lag.LagCommand;
import dev.lanes.cli.produce.ProduceCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code lanes} command: the root of the subcommands, and the error handling they share.
 * Runs on the main thread.
 *
 * <p>Errors are one line on stderr, {@code lanes: error: <what is wrong>}, never a stack trace:
 * bad input exits with 2 (picocli's usage-error code), a failure at run time (an unreachable
 * broker, a port in use) with 1.
 */
@Command(name = "lanes",
        // Subcommands inherit --help and --version (with its provider).
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = LanesCli.Version.class,
        description = "Lanes: a Kafka consumer that runs records in parallel beyond the partition"
                + " count, keeping order per partition, per key, or none.",
        subcommands = {BrokerCommand.class, ProduceCommand.class, ConsumeCommand.class, LagCommand.class, DltCommand.class,
            DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class LanesCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /**
     * Runs the command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        quietLogging();
        System.exit(newCommandLine().execute(args));
    }

    /**
     * The command line with Lanes' error handling; tests run it in-process with their own
     * writers ({@link CommandLine#setOut}, {@link CommandLine#setErr}).
     *
     * @return a new command line
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new LanesCli());
        commandLine.setParameterExceptionHandler(LanesCli::badInput);
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            error(failed.getErr(), messageOf(e));
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    /** Without a subcommand: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    private static int badInput(CommandLine.ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        error(failed.getErr(), oneLine(e.getMessage()) + " (see '"
                + failed.getCommandSpec().qualifiedName() + " --help')");
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    static void error(PrintWriter err, String message) {
        err.println("lanes: error: " + message);
        err.flush();
    }

    /** The message of a failure, without a stack trace: ours as is, others with their type. */
    private static String messageOf(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause instanceof CliException || cause instanceof dev.lanes.embedded.EmbeddedKafkaException) {
            return cause.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Only the command's own lines on the terminal: slf4j-simple at WARN, Kafka clients at
     * ERROR (they warn on every failed connection attempt), the engine off. Set before any logger exists, and
     * only where the user did not choose (e.g. {@code LANES_JAVA_OPTS=-D…} with ./lanes).
     * System properties do not reach the broker JVMs, which set their own.
     */
    private static void quietLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        // The engine under lanes consume: its retry warnings would flood the terminal, and the
        // command reports a fatal stop itself, in one line.
        setIfAbsent("org.slf4j.simpleLogger.log.dev.lanes.internal", "off");
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /** {@code lanes --version}: the Lanes, Kafka and Java versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"lanes " + version("/dev/lanes/cli/version.properties")
                    + " (Kafka " + version("/kafka/kafka-version.properties") + ", Java "
                    + Runtime.version() + ")"};
        }

        /** Reads {@code version=} from a class path resource (Kafka's is in kafka-clients). */
        private static String version(String resource) throws IOException {
            Properties props = new Properties();
            try (InputStream in = LanesCli.class.getResourceAsStream(resource)) {
                if (in != null) {
                    props.load(in);
                }
            }
            return props.getProperty("version", "unknown");
        }
    }
}
