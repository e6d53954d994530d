package dev.lanes.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCommandTest {

    @TempDir
    Path dir;

    @Test
    void wildcardEntriesAreExpandedToTheJarsOfTheirDirectory() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.createFile(lib.resolve("b.jar"));
        Files.createFile(lib.resolve("a.jar"));
        Files.createFile(lib.resolve("notes.txt"));
        String classPath = String.join(File.pathSeparator, "/x/app.jar",
                lib + File.separator + "*", "/x/classes");

        String expanded = NodeCommand.absoluteWithoutWildcards(classPath);

        assertThat(expanded.split(File.pathSeparator)).containsExactly(
                "/x/app.jar", lib.resolve("a.jar").toString(), lib.resolve("b.jar").toString(),
                "/x/classes");
    }

    @Test
    void relativeEntriesBecomeAbsoluteBecauseTheChildRunsElsewhere() {
        Path cwd = Path.of("").toAbsolutePath();
        String classPath = String.join(File.pathSeparator, "app.jar", "/x/classes", "lib/../b.jar");

        assertThat(NodeCommand.absoluteWithoutWildcards(classPath).split(File.pathSeparator))
                .containsExactly(cwd.resolve("app.jar").toString(), "/x/classes",
                        cwd.resolve("b.jar").toString());
    }

    @Test
    void commandRunsTheNodeMainWithThisJavaAndTheUsersOptionsLast() {
        NodeSpec node = new NodeSpec(2, 9094, 19094, dir.resolve("node-2"));

        List<String> command = NodeCommand.of(node, "cluster-id", List.of("-Xmx1g"));

        assertThat(command.get(0)).startsWith(System.getProperty("java.home"));
        assertThat(command).containsSubsequence("-Xmx768m", "-Xmx1g",
                KafkaNodeMain.class.getName(), node.propertiesFile().toString(), "cluster-id");
        assertThat(command).contains("-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                "-Dlanes.embedded.node=2");
    }
}
