package dev.lanes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's library example is the code {@link QuickStartIT} runs: the lines between its
 * README markers, de-indented, then the closing brace of the {@code try}.
 */
class ReadmeDocumentedTest {

    private static final String BEGIN = "// --- README: begin ---\n";
    private static final String END = "// --- README: end ---";

    @Test
    void theReadmeShowsTheCodeQuickStartItRuns() throws IOException {
        String test = Files.readString(Path.of("src/test/java/dev/lanes/examples/QuickStartIT.java"));
        String quoted = test.substring(test.indexOf(BEGIN) + BEGIN.length(), test.indexOf(END)).stripTrailing();
        String indent = quoted.substring(0, quoted.indexOf(quoted.strip()));
        String expected = quoted.lines()
                .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
                .collect(Collectors.joining("\n", "", "\n}\n"));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains("```java\n" + expected + "```\n");
    }
}
