package dev.lanes.guarantees;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A Lanes consumer in its own JVM, for {@link CrashIT} to kill with SIGKILL. Each invocation's
 * journal line reaches the OS (one {@code write} call) before the handler returns, so every record
 * the engine may have committed has its line. Arguments: bootstrap, topic, group, journal file.
 */
public final class CrashingConsumerMain {
    private CrashingConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        FileChannel journal = FileChannel.open(Path.of(args[3]), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        LanesConsumer<String, String> lanes = LanesConsumer.create(LanesOptions.<String, String>builder()
                .consumerProperties(Map.of(
                        "bootstrap.servers", args[0],
                        "group.id", args[2],
                        "group.protocol", "classic",
                        "session.timeout.ms", "6000",
                        "auto.offset.reset", "earliest",
                        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"))
                .topics(args[1])
                .ordering(Ordering.KEY)
                .maxConcurrency(50)
                .commitInterval(Duration.ofMillis(200))
                .build());
        lanes.start(record -> {
            long start = System.nanoTime();
            LockSupport.parkNanos(1_000_000);
            String line = Handlers.invocation(record, "crashing", start, true).toLine();
            journal.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        });
        System.out.println("started");
        new CountDownLatch(1).await();
    }
}
