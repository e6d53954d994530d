package dev.lanes.cli.lag;

import dev.lanes.GroupBacklog;
import dev.lanes.cli.BrokerConnection;
import dev.lanes.cli.CliException;
import dev.lanes.cli.ClientProperties;
import dev.lanes.cli.DurationConverter;
import dev.lanes.cli.LabeledChoice;
import dev.lanes.cli.OptionCheck;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes lag}: a group's honest backlog ({@link GroupBacklog}, DESIGN.md guarantee 11) beside
 * Kafka's lag, printed once as a table, JSON or Prometheus text; printed again every
 * {@code --interval}; or served over HTTP with {@code --serve} ({@link LagServer}). Main thread
 * only: it owns the Admin client and does every reading.
 *
 * <p>A group that has committed nothing (on the {@code --topic}s, when given) is an error rather
 * than a backlog of everything: it is almost always a misspelt group name.
 */
@Command(name = "lag",
        description = {"Show a consumer group's honest backlog — Kafka's lag less the offsets above the committed"
                + " one that Lanes' commit metadata names as ended — per partition and in total, beside Kafka's"
                + " own lag. Scale on the backlog, not on Kafka's lag (docs/AUTOSCALING.md)."})
public final class LagCommand implements Callable<Integer> {

    /** How long one reading may take before it fails. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SERVE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "B",
            description = "Kafka's bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Mixin
    ClientProperties clientProperties;

    @Option(names = "--group", required = true, paramLabel = "G", description = "The consumer group.")
    String group;

    @Option(names = "--topic", paramLabel = "T", split = ",",
            description = "Report these topics, every partition of each (repeatable, or T1,T2). Default: every"
                    + " topic the group has committed.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--format", paramLabel = "table|json|prometheus", defaultValue = "table",
            converter = LagFormat.Converter.class,
            description = "How to print the backlog (default: table). JSON is one line per reading.")
    LagFormat format;

    @Option(names = "--serve", paramLabel = "PORT",
            description = "Keep running and serve /metrics (Prometheus text) and /lag (the JSON) on PORT (0: any"
                    + " free port, printed).")
    Integer servePort;

    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address --serve listens on (default: 127.0.0.1; 0.0.0.0 for every interface).")
    String listen;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Read again every DURATION: with --serve (default 5s), or to print again until"
                    + " interrupted (default: print once).")
    Duration interval;

    @Override
    public Integer call() throws InterruptedException {
        InetSocketAddress address = checkOptions();
        try (Admin admin = BrokerConnection.open(clientProperties.clients(spec, bootstrap))) {
            GroupBacklog first = read(admin);
            if (address != null) {
                serve(admin, address, first);
                return 0;
            }
            print(first);
            while (interval != null) {
                Thread.sleep(interval.toMillis());
                print(read(admin));
            }
        }
        return 0;
    }

    private InetSocketAddress checkOptions() {
        if (group.isBlank()) {
            OptionCheck.fail(spec, "--group must not be empty");
        }
        if (topics.stream().anyMatch(String::isBlank)) {
            OptionCheck.fail(spec, "--topic must not be empty");
        }
        if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
            OptionCheck.fail(spec, "--interval must be at least 100ms, was " + interval.toMillis() + "ms");
        }
        if (servePort == null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--listen")) {
                OptionCheck.fail(spec, "--listen needs --serve");
            }
            return null;
        }
        OptionCheck.between(spec, "--serve", servePort, 0, 65_535);
        try {
            return new InetSocketAddress(InetAddress.getByName(listen), servePort);
        } catch (UnknownHostException e) {
            OptionCheck.fail(spec, "--listen " + listen + ": not an address of this machine");
            return null;
        }
    }

    /** One reading; what can go wrong becomes one line the user can act on. */
    private GroupBacklog read(Admin admin) {
        GroupBacklog backlog;
        try {
            backlog = GroupBacklog.read(admin, group, topics, READ_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + " on " + bootstrap, e);
        } catch (KafkaException e) {
            throw new CliException("cannot read the backlog of group " + group + " from " + bootstrap + ": "
                    + e.getMessage(), e);
        }
        if (backlog.partitions().stream().noneMatch(p -> p.hasCommit())) {
            throw new CliException("group " + group + " has no committed offsets on " + bootstrap
                    + (topics.isEmpty() ? "" : " for topic " + String.join(", ", topics))
                    + "; is the group name right? (Kafka's groups: kafka-consumer-groups.sh --list)");
        }
        return backlog;
    }

    private void print(GroupBacklog backlog) {
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case TABLE -> out.print(LagTable.render(backlog) + (interval == null ? "" : "\n"));
            case JSON -> out.println(LagJson.render(backlog));
            case PROMETHEUS -> {
                LagMeters meters = new LagMeters();
                meters.update(backlog);
                out.print(meters.scrape());
            }
        }
        out.flush();
    }

    /** Serves until the process is stopped; a failed reading is served as an error, and retried. */
    private void serve(Admin admin, InetSocketAddress address, GroupBacklog first) throws InterruptedException {
        Duration every = interval == null ? SERVE_INTERVAL : interval;
        try (LagServer server = LagServer.start(address)) {
            server.show(first);
            String base = "http://" + server.address().getHostString() + ":" + server.address().getPort();
            PrintWriter out = spec.commandLine().getOut();
            out.println("serving " + base + "/metrics and " + base + "/lag (group " + group + ", read every "
                    + every.toMillis() + " ms)");
            out.flush();
            while (true) {
                Thread.sleep(every.toMillis());
                try {
                    server.show(read(admin));
                } catch (CliException e) {
                    server.showError(e.getMessage());
                }
            }
        }
    }

    /** What {@code --format} prints. */
    enum LagFormat implements LabeledChoice {
        TABLE, JSON, PROMETHEUS;

        @Override
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static final class Converter extends LabeledChoice.Converter<LagFormat> {
            Converter() {
                super(LagFormat.class);
            }
        }
    }
}
