package dev.lanes.cli.demo;

import dev.lanes.cli.BrokerConnection;
import dev.lanes.cli.ClientProperties;
import dev.lanes.cli.GroupProtocol;
import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.CliException;
import dev.lanes.cli.DurationConverter;
import dev.lanes.cli.OptionCheck;
import dev.lanes.cli.TerminalLine;
import dev.lanes.cli.ThisMachine;
import dev.lanes.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes demo}: the load test of the motivating article, reproduced and time-scaled. The
 * same events ({@link DemoEvents}) are consumed by each strategy ({@link DemoStrategy}) in turn,
 * each on its own topic and group ({@link DemoRunner}); the table goes to stdout, progress to
 * stderr, an offline HTML report ({@link DemoHtml}) and optionally JSON to files. Exits 1 if a
 * strategy did not process every record.
 *
 * <p>Threads: the command's (main) thread runs everything but the strategies' consumers and
 * the probe's sampler.
 */
@Command(name = "demo",
        description = {"Reproduce the article's load test (Halodoc, \"Scaling Kafka by Parallel Processing\"):"
                + " the same events, each waiting on simulated I/O, consumed by one sequential consumer, 20"
                + " consumers in a group, consumers with a thread per partition, and Lanes with each ordering"
                + " and concurrency. Prints a table (wall time, records/s, speed-up, efficiency, the article's"
                + " figure) and writes an HTML report that opens offline.",
            "Starts an embedded broker unless --bootstrap is given. Takes about a minute with the defaults."})
public final class DemoCommand implements Callable<Integer> {

    private static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "B",
            description = "An existing Kafka's bootstrap servers (it must allow creating topics). Default: start"
                    + " an embedded broker for the run.")
    String bootstrap;

    @Mixin
    ClientProperties clientProperties;

    private Map<String, String> userProperties;

    @Option(names = "--events", defaultValue = "8000", paramLabel = "N",
            description = "Events per strategy (the article's 80,000 a day, scaled down). Default: ${DEFAULT-VALUE}.")
    int events;

    @Option(names = "--keys", defaultValue = "2000", paramLabel = "K",
            description = "Distinct products (record keys) the events update. Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--work-ms", defaultValue = "9", paramLabel = "MS",
            description = "Mean simulated I/O time of one event, in ms (the article's ~0.9 s, time-scaled)."
                    + " Default: ${DEFAULT-VALUE}.")
    double workMs;

    @Option(names = "--work-sigma", defaultValue = "0.5", paramLabel = "S",
            description = "Spread of the log-normal I/O time (standard deviation of its log; 0: every event"
                    + " takes --work-ms). Default: ${DEFAULT-VALUE}.")
    double workSigma;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
            description = "Seed of the events' keys and I/O times. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--partitions", defaultValue = "16", paramLabel = "P",
            description = "Partitions of the topics (the article's 16). Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--few-partitions", defaultValue = "4", paramLabel = "P",
            description = "Partitions of the topic of the row that cuts them (the article's 4)."
                    + " Default: ${DEFAULT-VALUE}.")
    int fewPartitions;

    @Option(names = "--high-concurrency", defaultValue = "1000", paramLabel = "C",
            description = "Concurrency of the \"as high as resources permit\" rows. Default: ${DEFAULT-VALUE}.")
    int highConcurrency;

    @Option(names = "--sequential-sample", defaultValue = "500", paramLabel = "N",
            description = "Events the sequential row processes; its time for all the events is extrapolated"
                    + " (said so in the output). At least --events: measured in full. Default: ${DEFAULT-VALUE}.")
    int sequentialSample;

    @Option(names = "--strategies", paramLabel = "LIST",
            description = "Comma-separated strategies, run in this order. Default: all of them (see the"
                    + " names in the JSON, or give a wrong one to see the list).")
    String strategies;

    @Option(names = "--html", defaultValue = "lanes-demo.html", paramLabel = "FILE",
            description = "Where to write the HTML report (opens offline). Default: ${DEFAULT-VALUE}.")
    Path html;

    @Option(names = "--no-html", description = "Write no HTML report.")
    boolean noHtml;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the results as JSON to FILE; '-' for stdout (the table then goes to"
                    + " stderr).")
    String json;

    @Option(names = "--slow-key-hold", defaultValue = "3s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "The slow-key run, after the strategies: how long one key's records are held while the"
                    + " others flow, as Kafka's lag and Lanes' backlog are sampled side by side."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration slowKeyHold;

    @Option(names = "--no-slow-key", description = "Skip the slow-key run.")
    boolean noSlowKey;

    @Option(names = "--timeout", defaultValue = "3m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The most one strategy may take. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException, IOException {
        List<DemoStrategy> chosen = checkOptions();
        userProperties = clientProperties.userProperties(spec);
        if (bootstrap != null) {
            // Before any progress line: an unreachable broker is the only line on stderr.
            BrokerConnection.open(KafkaClients.to(bootstrap, userProperties)).close();
        }
        DemoEvents demoEvents = new DemoEvents(events, keys, workMs, workSigma, seed);
        String workload = demoEvents.describe();
        String machine = ThisMachine.describe();
        DemoProgress progress = new DemoProgress(spec.commandLine().getErr(), TerminalLine.stderrIsTerminal());
        progress.line("lanes demo: " + workload);
        progress.line(String.format(Locale.ROOT, "%.1f s of I/O in all: the article's 20 h, time-scaled; %s",
                demoEvents.totalWorkSeconds(), machine));
        List<DemoResult> results = new ArrayList<>();
        SlowKeyResult slowKey = runAll(chosen, demoEvents, progress, results);
        DemoRun run = new DemoRun(machine, workload, events, demoEvents.totalWorkSeconds(), results, slowKey);
        report(run, progress);
        List<String> failed = results.stream().filter(r -> !r.complete())
                .map(r -> r.strategy().name() + " (" + r.distinct() + " of " + r.records() + " records)")
                .collect(Collectors.toList());
        if (slowKey != null && slowKey.note() != null) {
            failed.add("the slow-key run (" + slowKey.note() + ")");
        }
        if (!failed.isEmpty()) {
            throw new CliException("not every record was processed by " + String.join(", ", failed));
        }
        return 0;
    }

    /**
     * Runs the strategies, adding their results to {@code results}, then the slow-key run.
     *
     * @return the slow-key run's result, or null if it did not run
     */
    private SlowKeyResult runAll(List<DemoStrategy> chosen, DemoEvents demoEvents, DemoProgress progress,
                                 List<DemoResult> results) throws InterruptedException {
        EmbeddedKafka kafka = null;
        try {
            String servers = bootstrap;
            if (servers == null) {
                progress.line("starting an embedded Kafka broker");
                kafka = EmbeddedKafka.builder().nodes(1).start();
                servers = kafka.bootstrapServers();
            }
            KafkaClients clients = KafkaClients.to(servers, userProperties);
            try (org.apache.kafka.clients.admin.Admin admin = BrokerConnection.open(clients)) {
                clients = GroupProtocol.choose(admin, clients, spec.commandLine().getErr());
            }
            String runId = Long.toString(System.currentTimeMillis(), 36);
            try (DemoTopics topics = new DemoTopics(clients, demoEvents)) {
                DemoRunner runner = new DemoRunner(clients, topics, demoEvents, progress, timeout, sequentialSample,
                        runId);
                for (int i = 0; i < chosen.size(); i++) {
                    DemoStrategy strategy = chosen.get(i);
                    try {
                        results.add(runner.run(strategy, "[" + (i + 1) + "/" + chosen.size() + "]"));
                    } catch (CliException e) {
                        // The rows already measured are still reported; the next ones would most
                        // likely fail the same way (the broker), so they are not tried.
                        progress.line(strategy.name() + ": " + e.getMessage());
                        results.add(DemoResult.failed(strategy, events, e.getMessage()));
                        return null;
                    }
                }
                return noSlowKey ? null : slowKey(clients, topics, demoEvents, progress, runId);
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private SlowKeyResult slowKey(KafkaClients clients, DemoTopics topics, DemoEvents demoEvents,
                                  DemoProgress progress, String runId) throws InterruptedException {
        SlowKeyRun slow = new SlowKeyRun(clients, topics, demoEvents, progress, timeout, partitions);
        try {
            return slow.run("lanes-demo-" + runId + "-slow-key", slowKeyHold);
        } catch (CliException e) {
            progress.line("slow key: " + e.getMessage());
            return new SlowKeyResult(partitions, SlowKeyRun.CONCURRENCY, events, demoEvents.key(0), 0,
                    slowKeyHold.toNanos() / 1e9, List.of(), e.getMessage());
        }
    }

    private void report(DemoRun run, DemoProgress progress) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean jsonOnStdout = "-".equals(json);
        PrintWriter tableOut = jsonOnStdout ? spec.commandLine().getErr() : out;
        tableOut.print(DemoReport.table(run));
        tableOut.flush();
        if (!noHtml) {
            Files.writeString(html, DemoHtml.render(run), StandardCharsets.UTF_8);
            progress.line("report: " + html.toAbsolutePath().normalize().toUri());
        }
        if (jsonOnStdout) {
            out.print(DemoReport.json(run));
            out.flush();
        } else if (json != null) {
            Files.writeString(Path.of(json), DemoReport.json(run), StandardCharsets.UTF_8);
            progress.line("wrote " + json);
        }
    }

    /** Checks every option before anything starts; returns the strategies to run. */
    List<DemoStrategy> checkOptions() {
        OptionCheck.between(spec, "--events", events, 1, 10_000_000);
        OptionCheck.between(spec, "--keys", keys, 1, 10_000_000);
        if (!(workMs > 0 && workMs <= 60_000)) {
            OptionCheck.fail(spec, "--work-ms must be more than 0 and at most 60000, was " + workMs);
        }
        if (!(workSigma >= 0 && workSigma <= 3)) {
            OptionCheck.fail(spec, "--work-sigma must be 0 to 3, was " + workSigma);
        }
        OptionCheck.between(spec, "--partitions", partitions, 1, 10_000);
        OptionCheck.between(spec, "--few-partitions", fewPartitions, 1, 10_000);
        OptionCheck.between(spec, "--high-concurrency", highConcurrency, 1, 100_000);
        if (highConcurrency == 20 || highConcurrency == 50) {
            OptionCheck.fail(spec, "--high-concurrency must not be 20 or 50: rows at those concurrencies exist"
                    + " already, was " + highConcurrency);
        }
        OptionCheck.atLeast(spec, "--sequential-sample", sequentialSample, 1);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            OptionCheck.fail(spec, "--timeout must be positive and at most " + MAX_TIMEOUT.toHours() + "h, was "
                    + timeout);
        }
        if (slowKeyHold.isNegative() || slowKeyHold.compareTo(MAX_TIMEOUT) > 0) {
            OptionCheck.fail(spec, "--slow-key-hold must be 0 or positive and at most " + MAX_TIMEOUT.toHours()
                    + "h, was " + slowKeyHold);
        }
        if (bootstrap != null && bootstrap.isBlank()) {
            OptionCheck.fail(spec, "--bootstrap must not be empty");
        }
        if (!noHtml) {
            checkParent("--html", html);
        }
        if (json != null && !json.equals("-")) {
            checkParent("--json", Path.of(json));
        }
        return parseStrategies();
    }

    private void checkParent(String option, Path file) {
        if (Files.isDirectory(file)) {
            OptionCheck.fail(spec, option + " " + file + " is a directory; name a file");
        }
        OptionCheck.inExistingDirectory(spec, option, file);
    }

    private List<DemoStrategy> parseStrategies() {
        Map<String, DemoStrategy> all = new LinkedHashMap<>();
        for (DemoStrategy s : DemoStrategy.all(partitions, fewPartitions, highConcurrency)) {
            all.put(s.name(), s);
        }
        if (strategies == null) {
            return List.copyOf(all.values());
        }
        Map<String, DemoStrategy> chosen = new LinkedHashMap<>();
        for (String name : strategies.split(",", -1)) {
            DemoStrategy strategy = all.get(name.strip());
            if (strategy == null) {
                OptionCheck.fail(spec, "--strategies: unknown strategy '" + name.strip() + "'; known: "
                        + String.join(",", all.keySet()));
            }
            chosen.put(strategy.name(), strategy);
        }
        return List.copyOf(chosen.values());
    }
}
