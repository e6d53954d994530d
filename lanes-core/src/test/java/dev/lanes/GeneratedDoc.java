package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A page in docs/ rendered from code (the option and metric references): a test fails while the
 * page differs from the rendering, and rewrites it instead when run with {@code -Dlanes.writeDocs=true}.
 */
final class GeneratedDoc {
    static final String HOW_TO_REGENERATE = "./run-tests -pl lanes-core -am -Dtest='*DocumentedTest'"
            + " -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dlanes.writeDocs=true";

    private GeneratedDoc() {
    }

    /** The header every generated page starts with, naming its source. */
    static String header(String title, String source) {
        return "# " + title + "\n\n<!-- Generated from " + source + " by a test; edit that, not this file. To"
                + " regenerate: " + HOW_TO_REGENERATE + " -->\n\n";
    }

    /** @param page relative to the repository's root (tests run in the module's directory) */
    static void assertUpToDate(String page, String rendered) throws IOException {
        Path file = Path.of("..", page);
        if (Boolean.getBoolean("lanes.writeDocs")) {
            Files.writeString(file, rendered);
            return;
        }
        String current = Files.exists(file) ? Files.readString(file) : "(missing)";
        assertThat(current).as("%s is stale; regenerate it with %s", page, HOW_TO_REGENERATE).isEqualTo(rendered);
    }

    /** A Markdown table cell: no line breaks, and pipes escaped. */
    static String cell(String text) {
        return text.replace("\n", " ").replace("|", "\\|");
    }
}
