package dev.lanes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void theCoordinatesInTheDocsNameTheVersionThisBuildInstalls() throws IOException {
        String pom = Files.readString(Path.of("../pom.xml"));
        Matcher own = Pattern.compile("<artifactId>lanes-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(own.find()).as("the parent POM's version").isTrue();
        for (String doc : new String[] {"../README.md", "../docs/SPRING.md"}) {
            Matcher versions = Pattern.compile("<artifactId>lanes-[a-z-]+</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(Files.readString(Path.of(doc)));
            int found = 0;
            while (versions.find()) {
                assertThat(versions.group(1)).as("a Lanes version in %s", doc).isEqualTo(own.group(1));
                found++;
            }
            assertThat(found).as("Lanes coordinates in %s", doc).isPositive();
        }
    }
}
