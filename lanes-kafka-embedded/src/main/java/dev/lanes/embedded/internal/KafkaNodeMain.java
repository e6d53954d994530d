package dev.lanes.embedded.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The main class of a child JVM that runs one Kafka node (broker and controller). Runs on the
 * child's main thread, which Kafka keeps until the node stops.
 *
 * <p>Arguments: the path of the node's {@code server.properties} and the cluster id. On first
 * start the node's data directory is formatted in-process with Kafka's {@code StorageTool}; a
 * restart after a crash finds {@code meta.properties} and keeps its data. Then
 * {@code kafka.Kafka.main} runs the node exactly as Kafka's own start script does.
 *
 * <p>A {@link ParentWatch} ends this JVM when the parent closes stdin or dies.
 */
public final class KafkaNodeMain {

    private KafkaNodeMain() {
    }

    /**
     * Runs a node until it is stopped.
     *
     * @param args {@code <server.properties> <cluster-id>}
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: KafkaNodeMain <server.properties> <cluster-id>");
            System.exit(2);
        }
        // First, so a parent that dies during formatting or start-up still ends this JVM.
        ParentWatch.start(System.in);
        Path properties = Path.of(args[0]);
        String clusterId = args[1];
        try {
            formatIfNeeded(properties, clusterId);
        } catch (Exception e) {
            System.err.println("lanes: cannot format the node's storage: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    private static void formatIfNeeded(Path properties, String clusterId) throws IOException {
        List<Path> logDirs = logDirs(properties);
        boolean formatted = logDirs.stream()
                .allMatch(dir -> Files.exists(dir.resolve("meta.properties")));
        if (formatted) {
            System.out.println("lanes: storage already formatted in " + logDirs
                    + "; keeping its data");
            return;
        }
        String[] format = {"format", "--cluster-id", clusterId,
            "--config", properties.toString(), "--ignore-formatted"};
        int code = kafka.tools.StorageTool.execute(format, System.out);
        if (code != 0) {
            throw new IOException("kafka-storage " + String.join(" ", format)
                    + " exited with " + code);
        }
    }

    private static List<Path> logDirs(Path properties) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        String dirs = props.getProperty("log.dirs", props.getProperty("log.dir"));
        if (dirs == null) {
            throw new IOException(properties + " sets neither log.dirs nor log.dir");
        }
        return Arrays.stream(dirs.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .collect(Collectors.toList());
    }
}
