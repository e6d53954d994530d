package dev.lanes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/TESTKIT.md quotes {@link PaymentsIT} whole, so the example users copy compiles and runs. */
class TestKitDocumentedTest {

    @Test
    void theDocQuotesTheExampleTestAsItIs() throws IOException {
        String example = Files.readString(Path.of("src/test/java/dev/lanes/examples/PaymentsIT.java"));
        String doc = Files.readString(Path.of("../docs/TESTKIT.md"));

        assertThat(doc).contains("```java\n" + example + "```\n");
    }
}
