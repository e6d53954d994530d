package dev.lanes.embedded.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the command line of a node's child JVM. Pure apart from reading this JVM's system
 * properties and, for a very long class path, writing an argument file; any thread.
 *
 * <p>The child runs the same {@code java} as this JVM with this JVM's class path, which holds
 * Kafka (a dependency of this module). That works under Surefire and Failsafe (they set
 * {@code java.class.path} to the test class path even when they launch through a manifest-only
 * jar) and under the {@code lanes} launcher. Entries are made absolute, since the child runs in
 * its node's directory, and an entry ending in {@code *} is expanded here, in case the launcher
 * left one unexpanded.
 */
public final class NodeCommand {

    /** The child's heap: a node needs ~200 MiB under test loads; the rest is headroom. */
    static final String DEFAULT_HEAP = "-Xmx768m";

    /** Beyond this, the class path goes into an argument file (Linux caps one argument at 128 KiB). */
    private static final int LONG_CLASS_PATH = 64 * 1024;

    private NodeCommand() {
    }

    /**
     * The command that runs {@code node}.
     *
     * @param node the node
     * @param clusterId the cluster id its storage is formatted with
     * @param jvmOptions the user's JVM options, after the defaults so they win
     * @return the command, ready for a {@link ProcessBuilder}
     */
    public static List<String> of(NodeSpec node, String clusterId, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        String classPath = absoluteWithoutWildcards(System.getProperty("java.class.path"));
        if (classPath.length() > LONG_CLASS_PATH) {
            command.add("@" + writeArgumentFile(node, classPath));
        } else {
            command.add("-cp");
            command.add(classPath);
        }
        command.add(DEFAULT_HEAP);
        // C1 only: the nodes of a cluster start at once and compete for CPU while the JIT
        // works; without C2 a 3-node cluster starts in ~6.5 s instead of ~11 s on 2 cores, and
        // loopback throughput measured the same. jvmOption("-XX:TieredStopAtLevel=4") undoes it.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.awt.headless=true");
        // Names the process in `ps` and `jps -v`.
        command.add("-Dlanes.embedded.node=" + node.nodeId());
        // Only read when slf4j-simple is the binding; harmless otherwise. Kafka's INFO lines
        // would make the node log large and hide what matters.
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        command.addAll(jvmOptions);
        command.add(KafkaNodeMain.class.getName());
        command.add(node.propertiesFile().toString());
        command.add(clusterId);
        return command;
    }

    /**
     * Makes each entry absolute (relative to this JVM's working directory) and replaces each
     * {@code dir/*} entry with the jars in {@code dir}, as the {@code java} launcher does.
     *
     * @param classPath a class path
     * @return the same class path, absolute and without wildcards
     */
    static String absoluteWithoutWildcards(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
                entries.addAll(jarsIn(Path.of(entry.substring(0, entry.length() - 1) + ".")));
            } else if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> jarsIn(Path dir) {
        List<String> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
            stream.forEach(p -> jars.add(p.toAbsolutePath().normalize().toString()));
        } catch (IOException e) {
            // The launcher ignores a wildcard over a missing directory; so do we.
        }
        jars.sort(null);
        return jars;
    }

    private static String javaExecutable() {
        // java.home is the running JVM's own installation, so the child runs the same Java.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path writeArgumentFile(NodeSpec node, String classPath) {
        Path file = node.directory().resolve("java-classpath.args");
        String quoted = classPath.chars()
                .mapToObj(c -> c == '\\' || c == '"' ? "\\" + (char) c : String.valueOf((char) c))
                .collect(Collectors.joining());
        try {
            Files.createDirectories(node.directory());
            Files.writeString(file, "-cp\n\"" + quoted + "\"\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
