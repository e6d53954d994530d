package dev.lanes.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata in the jar is the rendering of {@link LanesOption#all()}: this test fails
 * while it is stale, and rewrites it when run with {@code -Dlanes.writeDocs=true}.
 */
class LanesMetadataDocumentedTest {
    static final String HOW_TO_REGENERATE = "./run-tests -pl lanes-spring-boot-starter -am"
            + " -Dtest='*DocumentedTest' -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dlanes.writeDocs=true";
    private static final Path FILE = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");

    @Test
    void theMetadataIsUpToDate() throws IOException {
        String rendered = ConfigurationMetadata.render();
        if (Boolean.getBoolean("lanes.writeDocs")) {
            Files.writeString(FILE, rendered);
            return;
        }
        String current = Files.exists(FILE) ? Files.readString(FILE) : "(missing)";
        assertThat(current).as("%s is stale; regenerate it with %s", FILE, HOW_TO_REGENERATE).isEqualTo(rendered);
    }

    @Test
    void everyOptionIsAPropertyWithItsDescription() {
        String rendered = ConfigurationMetadata.render();
        for (LanesOption<?> option : LanesOption.all()) {
            assertThat(rendered).contains("\"name\": \"lanes." + OptionPropertyNames.of(option) + "\"")
                    .contains(option.description().replace("\"", "\\\""));
        }
        assertThat(rendered).contains("\"name\": \"lanes.max-concurrency\",\n      \"type\": \"java.lang.Integer\"")
                .contains("\"name\": \"lanes.close-timeout\",\n      \"type\": \"java.time.Duration\"")
                .contains("\"defaultValue\": \"30s\"")
                .contains("\"name\": \"lanes.retry.failure-handler\",\n      \"type\": \"java.lang.String\",\n"
                        + "      \"description\": \"The name of a bean of type dev.lanes.FailureHandler. ");
    }
}
