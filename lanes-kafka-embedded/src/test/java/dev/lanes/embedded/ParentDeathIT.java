package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Node JVMs never outlive the JVM that started them, even when it is killed with kill -9. */
class ParentDeathIT {

    private Process parent;

    @AfterEach
    void killParent() {
        if (parent != null) {
            parent.destroyForcibly();
        }
    }

    @Test
    void nodesExitWhenTheirParentIsKilled() throws Exception {
        parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ParentOfNodesMain.class.getName(), "1")
                .redirectErrorStream(true)
                .start();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Map<String, String> printed;
        try {
            printed = reader.submit(() -> readUntilPids(parent)).get(90, TimeUnit.SECONDS);
        } finally {
            reader.shutdownNow();
        }
        List<Long> pids = Arrays.stream(printed.get("pids").split(",")).map(Long::parseLong)
                .collect(Collectors.toList());
        assertThat(pids).isNotEmpty().allMatch(ParentDeathIT::isAlive);

        parent.destroyForcibly();
        assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // A clean shutdown takes a second or two; a hung one is halted after 8 s.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(pids).noneMatch(ParentDeathIT::isAlive));
        deleteTree(Path.of(printed.get("dir")));
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Map<String, String> readUntilPids(Process process) {
        Map<String, String> values = new HashMap<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
                if (values.containsKey("pids")) {
                    return values;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the parent exited before printing its pids:\n" + output);
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
