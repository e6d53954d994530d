package dev.lanes.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures how long {@link EmbeddedKafka} takes to start (from {@code start()} until every node
 * is a live broker) and to close, and each node's resident memory, for the figures in
 * {@code docs/EMBEDDED_KAFKA.md}. Not a test; run it on a quiet machine:
 *
 * <pre>
 * ./mvnw -q -pl lanes-kafka-embedded test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp lanes-kafka-embedded/target/classes:lanes-kafka-embedded/target/test-classes:$(cat lanes-kafka-embedded/target/cp.txt) \
 *     dev.lanes.embedded.MeasureStartup 5 [node JVM options, e.g. -XX:TieredStopAtLevel=4]
 * </pre>
 */
public final class MeasureStartup {

    private MeasureStartup() {
    }

    /** @param args how many runs per cluster size (default 5), then options for the node JVMs */
    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> jvmOptions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        // One unmeasured start: this JVM loads and compiles the client classes once.
        EmbeddedKafka.builder().start().close();
        for (int nodes : new int[] {1, 3}) {
            List<Long> starts = new ArrayList<>();
            List<Long> closes = new ArrayList<>();
            List<Long> rssMiB = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                long t0 = System.nanoTime();
                EmbeddedKafka.Builder builder = EmbeddedKafka.builder().nodes(nodes);
                jvmOptions.forEach(builder::jvmOption);
                EmbeddedKafka kafka = builder.start();
                long t1 = System.nanoTime();
                kafka.createTopic("measure", 6);
                for (int node = 0; node < nodes; node++) {
                    rssMiB.add(rssKiB(kafka.pid(node).getAsLong()) / 1024);
                }
                long t2 = System.nanoTime();
                kafka.close();
                long t3 = System.nanoTime();
                starts.add((t1 - t0) / 1_000_000);
                closes.add((t3 - t2) / 1_000_000);
                System.out.printf("nodes=%d run=%d start=%d ms close=%d ms%n", nodes, run,
                        starts.get(run), closes.get(run));
            }
            System.out.printf("nodes=%d: start median %d ms (min %d, max %d); close median %d ms;"
                            + " RSS per node median %d MiB%n", nodes, median(starts),
                    Collections.min(starts), Collections.max(starts), median(closes),
                    median(rssMiB));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
