package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The metric reference, docs/METRICS.md, is rendered from {@link LanesMetric}; every metric has a
 * dotted name, a unit and a description, so no metric can be added undocumented. A meter is a name
 * and its fixed tags: no two metrics share both.
 */
class MetricsDocumentedTest {

    @Test
    void everyMetricHasADottedNameAUnitAndADescription() {
        for (LanesMetric metric : LanesMetric.values()) {
            assertThat(metric.metricName()).as("name of %s", metric).matches("lanes(\\.[a-z]+)+");
            assertThat(metric.unit()).as("unit of %s", metric).matches("[a-z]+s");
            assertThat(metric.description()).as("description of %s", metric).isNotBlank().endsWith(".");
        }
        assertThat(Arrays.stream(LanesMetric.values()).map(metric -> metric.metricName() + metric.tags()))
                .doesNotHaveDuplicates();
    }

    @Test
    void theMetricReferenceIsUpToDate() throws IOException {
        GeneratedDoc.assertUpToDate("docs/METRICS.md", render());
    }

    static String render() {
        StringBuilder page = new StringBuilder(GeneratedDoc.header("Lanes metrics", "dev.lanes.LanesMetric"));
        page.append("Every metric of a Lanes consumer. `LanesConsumer.stats()` returns the counters and gauges:")
                .append(" `get(LanesMetric)` reads one, `asMap()` all of them. A counter only grows; a gauge is the")
                .append(" value at the time of the snapshot. A timer is a distribution of durations, told per record")
                .append(" or per handler invocation to a `RecordObserver` (`LanesConsumer.addObserver`).\n\n")
                .append("The Micrometer binding (`lanes-micrometer`, `LanesMetrics.bind`) registers one meter per")
                .append(" row: its name and tags as listed, plus the binding's common tags (e.g. `group`). The three")
                .append(" outcomes of `lanes.records.ended` are one counter with the tag `outcome`. In Prometheus text")
                .append(" a dotted name becomes snake case, a counter gains `_total`, a timer `_seconds_count`,")
                .append(" `_seconds_sum` and `_seconds_max` (and `_seconds_bucket` or quantiles when asked for).\n\n")
                .append("| metric | tags | kind | unit | description |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (LanesMetric metric : LanesMetric.values()) {
            String tags = metric.tags().entrySet().stream().map(tag -> "`" + tag.getKey() + "=" + tag.getValue() + "`")
                    .collect(Collectors.joining(", "));
            page.append(Stream.of("`" + metric.metricName() + "`", tags, metric.kind().name().toLowerCase(),
                            metric.unit(), metric.description())
                    .map(GeneratedDoc::cell)
                    .collect(Collectors.joining(" | ", "| ", " |\n")));
        }
        return page.toString();
    }
}
