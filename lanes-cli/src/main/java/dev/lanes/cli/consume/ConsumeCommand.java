package dev.lanes.cli.consume;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOption;
import dev.lanes.LanesOptions;
import dev.lanes.LanesStats;
import dev.lanes.Ordering;
import dev.lanes.cli.BrokerConnection;
import dev.lanes.cli.CliException;
import dev.lanes.cli.ClientProperties;
import dev.lanes.cli.DurationConverter;
import dev.lanes.cli.GroupProtocol;
import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.OptionCheck;
import dev.lanes.cli.TerminalLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes consume}: the Lanes consumer with a simulated I/O handler ({@link SimulatedWork}),
 * the failure policy of its {@link FailureOptions}, an optional {@link Journal} of every handler
 * invocation and every record given up, and a {@link Progress} line.
 *
 * <p>With {@code --metrics-port}, a {@link MetricsEndpoint} serves the consumer's metrics while it
 * runs (its own daemon thread renders them per request).
 *
 * <p>Threads: the command's (main) thread checks the options and the topic, starts the
 * consumer, then watches its {@link LanesStats} every 100 ms (progress, {@code --exit-when-idle},
 * journal failures) until it terminates. The engine's workers run the handler. A shutdown hook
 * (Ctrl-C, SIGTERM) closes the consumer — drain, commit, leave — and waits for the command's
 * thread to print its summary.
 */
@Command(name = "consume",
        description = {"Run the Lanes consumer with a simulated I/O handler (sleeps --work-ms,"
                + " fails a fraction --fail-rate of attempts, or every attempt of --fail-keys, hangs on"
                + " --hang-keys), retrying failed records and then stopping, skipping or dead-lettering"
                + " them (--on-exhausted, --dlt), optionally journaling every handler invocation as one"
                + " JSON line, until interrupted or idle."})
public final class ConsumeCommand implements Callable<Integer> {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(10);
    private static final long WATCH_MILLIS = 100;
    /** After a signal, how long the hook waits for the summary once the consumer closed. */
    private static final long SUMMARY_WAIT_MILLIS = 2_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "B",
            description = "Kafka's bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Mixin
    ClientProperties clientProperties;

    private KafkaClients clients;

    @Option(names = "--topic", required = true, paramLabel = "T",
            description = "The topic; it must exist.")
    String topic;

    @Option(names = "--group", required = true, paramLabel = "G",
            description = "The consumer group. A group without committed offsets starts at the"
                    + " earliest record.")
    String group;

    @Option(names = "--ordering", required = true, paramLabel = "PARTITION|KEY|UNORDERED",
            description = "In order per partition, per key (null keys unordered), or none.")
    Ordering ordering;

    @Option(names = "--concurrency", required = true, paramLabel = "C",
            description = "The most handler invocations at once: the Lanes option maxConcurrency"
                    + " (its range: docs/OPTIONS.md).")
    int concurrency;

    @Option(names = "--work-ms", defaultValue = "0", paramLabel = "MS",
            description = "Time each attempt sleeps, simulating I/O. Default: ${DEFAULT-VALUE}.")
    long workMs;

    @Option(names = "--work-jitter-ms", defaultValue = "0", paramLabel = "J",
            description = "A uniform random extra sleep of 0 to J ms per attempt."
                    + " Default: ${DEFAULT-VALUE}.")
    long workJitterMs;

    @Option(names = "--fail-rate", defaultValue = "0", paramLabel = "F",
            description = "The fraction (0 to 1) of attempts that fail by throwing; a failed"
                    + " record is retried after a back-off, holding its lane. Default: ${DEFAULT-VALUE}.")
    double failRate;

    @Option(names = "--value-format", defaultValue = "string", paramLabel = "string|json",
            converter = ValueFormat.Converter.class,
            description = "How values are deserialized (on the workers): UTF-8 text, or JSON; a value"
                    + " that is not JSON fails its record, which is not retried. Default: ${DEFAULT-VALUE}.")
    ValueFormat valueFormat;

    @Mixin
    FailureOptions failure;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Append one JSON line per handler invocation to FILE, written to the OS"
                    + " before the invocation counts as ended.")
    Path journalFile;

    @Option(names = "--instance", paramLabel = "NAME",
            description = "This instance's name in the journal. Default: lanes-<pid>.")
    String instance;

    @Option(names = "--exit-when-idle", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Exit (0, after a final commit) once no record arrived and none was in"
                    + " flight for this long, e.g. 500ms, 5s, 1m, PT5S; counted only while this instance"
                    + " owns partitions, afresh after every rebalance. Default: run until interrupted.")
    Duration exitWhenIdle;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve this consumer's metrics at http://127.0.0.1:PORT/metrics (Prometheus text)"
                    + " while it runs. Default: not served.")
    Integer metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        // Before anything joins the group: a port in use fails the command at once.
        try (MetricsEndpoint endpoint = metricsPort == null ? null : MetricsEndpoint.listen(metricsPort)) {
            return call(endpoint);
        }
    }

    private Integer call(MetricsEndpoint endpoint) throws InterruptedException {
        clients = clientProperties.clients(spec, bootstrap);
        try (Admin admin = BrokerConnection.open(clients)) {
            requireTopic(admin);
            clients = GroupProtocol.choose(admin, clients, spec.commandLine().getErr());
        }
        String name = instance != null ? instance : "lanes-" + ProcessHandle.current().pid();
        Journal journal = journalFile == null ? null : Journal.open(journalFile, name);
        try {
            EpochMicros clock = new EpochMicros();
            GiveUpJournal giveUps = journal == null ? null : new GiveUpJournal(journal, clock);
            return run(options(name, valueFormat.deserializer(), giveUps), journal, clock, endpoint, name);
        } finally {
            closeJournal(journal);
        }
    }

    private void checkOptions() {
        for (String[] text : List.of(new String[] {"--topic", topic}, new String[] {"--group", group},
                new String[] {"--instance", instance == null ? "x" : instance})) {
            if (text[1].isBlank()) {
                OptionCheck.fail(spec, text[0] + " must not be empty");
            }
        }
        OptionCheck.allowedBy(spec, "--concurrency", concurrency, LanesOption.MAX_CONCURRENCY);
        OptionCheck.atLeast(spec, "--work-ms", workMs, 0);
        OptionCheck.atLeast(spec, "--work-jitter-ms", workJitterMs, 0);
        if (!(failRate >= 0 && failRate <= 1)) {
            OptionCheck.fail(spec, "--fail-rate must be 0 to 1, was " + failRate);
        }
        failure.check(spec, topic);
        if (exitWhenIdle != null && (exitWhenIdle.isNegative() || exitWhenIdle.isZero())) {
            OptionCheck.fail(spec, "--exit-when-idle must be positive, was " + exitWhenIdle);
        }
        if (metricsPort != null) {
            OptionCheck.between(spec, "--metrics-port", metricsPort, 1, 65_535);
        }
    }

    private void requireTopic(Admin admin) {
        try {
            admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new CliException("topic " + topic + " does not exist on " + bootstrap, e);
            }
            throw new CliException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new CliException("cannot describe topic " + topic + " within "
                    + TOPIC_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while describing topic " + topic, e);
        }
    }

    private <V> LanesOptions<String, V> options(String name, Deserializer<V> values, GiveUpJournal giveUps) {
        Map<String, Object> props = new HashMap<>();
        props.put("client.id", "lanes-consume-" + name);
        props.put("auto.offset.reset", "earliest");
        props = clients.groupConsumerProperties(props);
        props.put("group.id", group);
        LanesOptions.Builder<String, V> options = LanesOptions.<String, V>builder()
                .consumerProperties(props)
                .keyDeserializer(new StringDeserializer())
                .valueDeserializer(values)
                .topics(topic)
                .ordering(ordering)
                .maxConcurrency(concurrency)
                // Room for every slot to find work, and then some.
                .maxBufferedRecords((int) Math.min(Integer.MAX_VALUE,
                        Math.max(LanesOption.MAX_BUFFERED_RECORDS.defaultValue(), 4L * concurrency)))
                .retryPolicy(failure.retryPolicy(giveUps, clients.deadLetterProducerProperties()));
        if (failure.handlerTimeout != null) {
            options.handlerTimeout(failure.handlerTimeout);
        }
        return options.build();
    }

    /** @param endpoint where the metrics are served, or {@code null} */
    private <V> int run(LanesOptions<String, V> options, Journal journal, EpochMicros clock, MetricsEndpoint endpoint,
                        String name) throws InterruptedException {
        SimulatedWork<V> work = new SimulatedWork<>(workMs, workJitterMs, failRate, failure.failKeys(),
                failure.hangKeys(), failure.timeoutOn(), journal, clock);
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Progress progress = new Progress(err, TerminalLine.stderrIsTerminal(), started);
        LanesConsumer<String, V> lanes = LanesConsumer.create(options);
        if (endpoint != null) {
            endpoint.bind(lanes, group, name);
            err.println("metrics: http://127.0.0.1:" + endpoint.port() + "/metrics");
            err.flush();
        }
        CountDownLatch summarized = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            work.closing();
            // The command's thread may still rewrite its line: at worst the two lines share one.
            progress.clear();
            err.println(Progress.closing(lanes.stats(), options.closeTimeout()));
            err.flush();
            lanes.close(options.closeTimeout());
            try {
                summarized.await(SUMMARY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lanes-consume-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            lanes.start(work);
            CompletableFuture<Void> termination = lanes.termination().toCompletableFuture();
            IdleWatch idle = exitWhenIdle == null ? null : new IdleWatch(exitWhenIdle.toNanos());
            while (!termination.isDone()) {
                long now = System.nanoTime();
                LanesStats stats = lanes.stats();
                progress.maybePrint(stats, now);
                if (journal != null && journal.failure() != null) {
                    progress.clear();
                    work.closing();
                    lanes.close(options.closeTimeout());
                    throw new CliException("cannot write journal " + journalFile + ": " + journal.failure());
                }
                if (idle != null && idle.idleFor(stats, now)) {
                    work.closing();
                    lanes.close(options.closeTimeout());
                    break;
                }
                try {
                    termination.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // Looked at on the next turn.
                }
            }
            progress.clear();
            try {
                termination.get();
            } catch (ExecutionException e) {
                throw new CliException(e.getCause().getMessage(), e.getCause());
            }
            printSummary(lanes.stats(), System.nanoTime() - started);
            return 0;
        } finally {
            summarized.countDown();
            removeHook(hook);
            work.closing();
            lanes.close(Duration.ZERO);
        }
    }

    private void printSummary(LanesStats stats, long nanos) {
        double seconds = Math.max(1e-9, nanos / 1e9);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("consumed %d records from %s (group %s, %s, concurrency %d) in %.2f s: %.0f records/s,"
                        + " %d failed attempts, %d dead-lettered, %d skipped, %d commits%s%n", stats.endedRecords(),
                topic, group, ordering, concurrency, seconds, stats.endedRecords() / seconds, stats.failedAttempts(),
                stats.deadLetteredRecords(), stats.skippedRecords(), stats.commits(), Progress.commitFailures(stats));
        out.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running (Ctrl-C, SIGTERM): it closes the consumer itself.
        }
    }

    private static void closeJournal(Journal journal) {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                // Every line was written by its own call; nothing is left to flush.
            }
        }
    }
}
