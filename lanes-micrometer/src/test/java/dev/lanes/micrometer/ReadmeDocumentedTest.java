package dev.lanes.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "Metrics" example is the code {@link LanesMetricsIT} runs (between its README markers). */
class ReadmeDocumentedTest {
    private static final String BEGIN = "// --- README (Metrics): begin ---\n";
    private static final String END = "// --- README (Metrics): end ---";

    @Test
    void theReadmeShowsTheBindingLanesMetricsItRuns() throws IOException {
        String test = Files.readString(Path.of("src/test/java/dev/lanes/micrometer/LanesMetricsIT.java"));
        String quoted = test.substring(test.indexOf(BEGIN) + BEGIN.length(), test.indexOf(END));
        String expected = quoted.lines().map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n", "```java\n", "\n```\n"));

        assertThat(Files.readString(Path.of("../README.md"))).contains(expected);
    }
}
