package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The metric reference, docs/METRICS.md, is rendered from {@link LanesMetric}; every metric has a
 * dotted name, a unit and a description, so no metric can be added undocumented.
 */
class MetricsDocumentedTest {

    @Test
    void everyMetricHasADottedNameAUnitAndADescription() {
        for (LanesMetric metric : LanesMetric.values()) {
            assertThat(metric.metricName()).as("name of %s", metric).matches("lanes(\\.[a-z]+)+");
            assertThat(metric.unit()).as("unit of %s", metric).matches("[a-z]+s");
            assertThat(metric.description()).as("description of %s", metric).isNotBlank().endsWith(".");
        }
        assertThat(Arrays.stream(LanesMetric.values()).map(LanesMetric::metricName)).doesNotHaveDuplicates();
    }

    @Test
    void theMetricReferenceIsUpToDate() throws IOException {
        GeneratedDoc.assertUpToDate("docs/METRICS.md", render());
    }

    static String render() {
        StringBuilder page = new StringBuilder(GeneratedDoc.header("Lanes metrics", "dev.lanes.LanesMetric"));
        page.append("What `LanesConsumer.stats()` returns: `get(LanesMetric)` reads one metric, `asMap()` all of")
                .append(" them. A counter only grows; a gauge is the value at the time of the snapshot.\n\n")
                .append("| metric | kind | unit | description |\n")
                .append("| --- | --- | --- | --- |\n");
        for (LanesMetric metric : LanesMetric.values()) {
            page.append(Stream.of("`" + metric.metricName() + "`", metric.kind().name().toLowerCase(), metric.unit(),
                            metric.description())
                    .map(GeneratedDoc::cell)
                    .collect(Collectors.joining(" | ", "| ", " |\n")));
        }
        return page.toString();
    }
}
