package dev.lanes.embedded;

import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A parent JVM for {@link ParentDeathIT}: starts an embedded Kafka, prints its node pids and
 * directory, then waits forever (until the test kills it).
 */
public final class ParentOfNodesMain {

    private ParentOfNodesMain() {
    }

    /** @param args the node count */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka = EmbeddedKafka.builder().nodes(Integer.parseInt(args[0])).start();
        System.out.println("dir=" + kafka.logFile(0).getParent().getParent());
        System.out.println("pids=" + IntStream.range(0, kafka.nodeCount())
                .mapToObj(i -> String.valueOf(kafka.pid(i).getAsLong()))
                .collect(Collectors.joining(",")));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
