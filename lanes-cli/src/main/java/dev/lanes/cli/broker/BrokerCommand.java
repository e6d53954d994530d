package dev.lanes.cli.broker;

import dev.lanes.cli.OptionCheck;
import dev.lanes.embedded.EmbeddedKafka;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes broker}: a real Kafka (KRaft) on 127.0.0.1 until interrupted. Runs on the main
 * thread, which waits forever once the broker is up; Ctrl-C or SIGTERM run the JVM's shutdown
 * hooks, and the embedded Kafka's hook stops the nodes cleanly before the JVM exits.
 *
 * <p>Its only output is one line, {@code bootstrap=127.0.0.1:PORT[,…]}, printed (and flushed)
 * once every node accepts clients, so a script can wait for it.
 */
@Command(name = "broker",
        description = {"Start a real Kafka (KRaft) on 127.0.0.1 and run until interrupted.",
            "Prints one line, bootstrap=HOST:PORT[,HOST:PORT...], once it accepts clients."})
public final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "1", paramLabel = "1|3",
            description = "Nodes, each a broker and a controller; 3 survive the loss of one"
                    + " (replication 3, min.insync.replicas 2). Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--port", defaultValue = "0", paramLabel = "P",
            description = "Broker port of node 0; node i listens on P+i. Default: free ports.")
    int port;

    @Option(names = "--config", paramLabel = "NAME=VALUE",
            description = "A broker property for every node (e.g. offset.metadata.max.bytes=8); repeatable.")
    List<String> configs = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (nodes != 1 && nodes != 3) {
            OptionCheck.fail(spec, "--nodes must be 1 or 3, was " + nodes);
        }
        OptionCheck.between(spec, "--port", port, 0, 65_536 - nodes);

        EmbeddedKafka.Builder builder = EmbeddedKafka.builder().nodes(nodes).brokerPort(port);
        for (String config : configs) {
            int eq = config.indexOf('=');
            if (eq <= 0 || config.substring(0, eq).isBlank()) {
                OptionCheck.fail(spec, "--config must be NAME=VALUE, was '" + config + "'");
            }
            builder.brokerProperty(config.substring(0, eq).strip(), config.substring(eq + 1));
        }
        EmbeddedKafka kafka = builder.start();
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.println("bootstrap=" + kafka.bootstrapServers());
            out.flush();
            // On Ctrl-C or SIGTERM this thread never wakes: the JVM runs the embedded Kafka's
            // shutdown hook, which stops the nodes, and exits. Only an interrupt gets past here.
            new CountDownLatch(1).await();
            return 0;
        } finally {
            kafka.close();
        }
    }
}
