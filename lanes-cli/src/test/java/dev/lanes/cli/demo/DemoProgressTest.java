package dev.lanes.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@link DemoProgress}: a bar in place on a terminal, lines only otherwise. */
class DemoProgressTest {

    @Test
    void theBarFillsInProportion() {
        assertThat(DemoProgress.bar(0, 100)).isEqualTo("[" + ".".repeat(30) + "]");
        assertThat(DemoProgress.bar(50, 100)).isEqualTo("[" + "#".repeat(15) + ".".repeat(15) + "]");
        assertThat(DemoProgress.bar(100, 100)).isEqualTo("[" + "#".repeat(30) + "]");
        // A sequential row counts a record or two past its sample; a zero total has no bar to fill.
        assertThat(DemoProgress.bar(101, 100)).isEqualTo("[" + "#".repeat(30) + "]");
        assertThat(DemoProgress.bar(5, 0)).isEqualTo("[" + ".".repeat(30) + "]");
    }

    @Test
    void onATerminalTheBarIsRewrittenInPlaceAndALineReplacesIt() {
        StringWriter err = new StringWriter();
        DemoProgress progress = new DemoProgress(new PrintWriter(err), true);

        progress.update("[1/2] Lanes KEY", 4000, 8000, 20, 1.5);
        progress.line("[1/2] Lanes KEY: done");

        String text = err.toString();
        assertThat(text).startsWith("\r[1/2] Lanes KEY [" + "#".repeat(15) + ".".repeat(15) + "] 4,000/8,000"
                + "  in flight 20  1.5 s");
        // The bar is blanked out before the line that stays.
        assertThat(text).endsWith("\r[1/2] Lanes KEY: done" + System.lineSeparator());
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1); // one line on the screen
    }

    @Test
    void offATerminalOnlyTheLinesArePrinted() {
        StringWriter err = new StringWriter();
        DemoProgress progress = new DemoProgress(new PrintWriter(err), false);

        progress.update("[1/2] Lanes KEY", 4000, 8000, 20, 1.5);
        progress.line("[1/2] Lanes KEY: done");

        assertThat(err.toString()).isEqualTo("[1/2] Lanes KEY: done" + System.lineSeparator());
    }
}
