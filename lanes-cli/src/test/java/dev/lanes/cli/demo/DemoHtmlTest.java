package dev.lanes.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lanes.Ordering;
import dev.lanes.cli.demo.DemoResult.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link DemoHtml}'s page and {@link DemoCharts}' SVG, from a run built by hand. */
class DemoHtmlTest {

    private static final long EVENTS = 8_000;

    private static final DemoStrategy SEQUENTIAL = new DemoStrategy("sequential", "one consumer, sequential",
            DemoStrategy.Kind.SEQUENTIAL, 16, 1, 1, 1, null, "20 h");
    private static final DemoStrategy GROUP = new DemoStrategy("group-20", "20 consumers in a group",
            DemoStrategy.Kind.CONSUMER_GROUP, 16, 20, 1, 20, null, "6 h");
    private static final DemoStrategy KEY = new DemoStrategy("lanes-key-20", "Lanes KEY <&>",
            DemoStrategy.Kind.LANES, 16, 1, 20, 20, Ordering.KEY, null);
    private static final DemoStrategy PARTITION = new DemoStrategy("lanes-partition-20", "Lanes PARTITION",
            DemoStrategy.Kind.LANES, 16, 1, 20, 20, Ordering.PARTITION, null);
    private static final DemoStrategy UNORDERED = new DemoStrategy("lanes-unordered-50-4p", "Lanes UNORDERED",
            DemoStrategy.Kind.LANES, 4, 1, 50, 50, Ordering.UNORDERED, "16 \u2192 4 partitions");

    /** 100, 1,000, 10,000 and 20,000 records/s: one decade apart, then log10(2) of one. */
    private static final DemoRun RUN = new DemoRun("java 25, 8 CPUs, heap 2 GiB \"x\"",
            "8,000 events, 1,000 keys, work 9 ms \u00b1 2, seed 42", EVENTS, 72.0, List.of(
                    new DemoResult(SEQUENTIAL, 400, 400, 400, 4.0, 80.0, 72.0, true, 1,
                            List.of(new Sample(0.0, 1, 0)), null),
                    new DemoResult(GROUP, EVENTS, EVENTS, EVENTS, 8.0, 8.0, 4.5, false, 16, List.of(), null),
                    new DemoResult(KEY, EVENTS, EVENTS, EVENTS, 0.8, 0.8, 0.36, false, 20, ramp(20, 400), null),
                    new DemoResult(UNORDERED, EVENTS, EVENTS, 8_004, 0.4, 0.4, 0.144, false, 50, ramp(50, 2_000),
                            null),
                    new DemoResult(PARTITION, EVENTS, 7_990, 7_990, 60.0, 60.0, 0.5, false, 16, ramp(16, 100),
                            "TIMEOUT after 60 s")));

    /** Samples every 2 ms: in flight climbing to {@code peak} and holding, processed growing. */
    private static List<Sample> ramp(int peak, int count) {
        return IntStream.range(0, count).mapToObj(i -> new Sample(i * 0.002, Math.min(peak, i), Math.min(EVENTS, i * 20L)))
                .toList();
    }

    @Test
    void isOnePageThatNamesNoUrlAndFetchesNothing() {
        String html = DemoHtml.render(RUN);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<title>" + DemoHtml.escape(DemoHtml.TITLE) + "</title>", "<style>")
                .doesNotContain("http://", "https://", "src=", "href=", "<script", "<link", "@import", "url(",
                        "NaN", "Infinity");
        assertThat(html.chars().allMatch(c -> c < 0x80)).as("plain ASCII").isTrue();
        assertThat(count(html, "<svg")).isEqualTo(RUN.results().size() + 1);
        assertThat(html).contains("java 25, 8 CPUs, heap 2 GiB &quot;x&quot;", "&#177; 2, seed 42",
                "8,000 events per strategy", "72.0 s of simulated work",
                "the sequential row's 80.0 s stand for the article's 20 h");
    }

    @Test
    void escapesEveryTextFromTheRun() {
        String html = DemoHtml.render(RUN);

        assertThat(html).contains("Lanes KEY &lt;&amp;&gt;").doesNotContain("<&>");
        for (DemoResult r : RUN.results()) {
            assertThat(html).contains(DemoHtml.escape(r.strategy().label()), r.strategy().name());
        }
        assertThat(DemoHtml.escape("a&b<c>d\"e'f \u00e9\ud83d\ude00\u0001\ud800")).isEqualTo(
                "a&amp;b&lt;c&gt;d&quot;e&#39;f &#233;&#128512;&#65533;&#65533;");
        assertThat(DemoHtml.escape(null)).isEmpty();
    }

    @Test
    void tableHasEveryRowWithItsFigures() {
        String html = DemoHtml.render(RUN);

        assertThat(html).contains("extrapolated from 400 records (measured 4.00 s) by their work to all 8,000")
                .contains("<td class=\"num\">1 &#215; 1</td>", "<td class=\"num\">20 &#215; 1</td>")
                .contains("<td class=\"num\">100</td>", "<td class=\"num\">1,000</td>",
                        "<td class=\"num\">10,000</td>", "<td class=\"num\">20,000</td>")
                .contains("<td class=\"num\">1.0&#215;</td>", "<td class=\"num\">200.0&#215;</td>")
                .contains("<td class=\"num\">90 %</td>", "<td class=\"num\">56 %</td>")
                .contains("16 &#8594; 4 partitions", "8,000 / 8,000 &#10003;");
    }

    @Test
    void anIncompleteRowIsMarkedWithItsNote() {
        String html = DemoHtml.render(RUN);

        assertThat(count(html, "<tr class=\"incomplete\">")).isEqualTo(1);
        assertThat(html).contains("&#10007; incomplete</span> 7,990 / 8,000<br><span class=\"fail\">"
                + "TIMEOUT after 60 s</span>");
        // An incomplete row has no rate: no bar, and the chart says why.
        assertThat(html).doesNotContainPattern("<rect class=\"bar [a-z]+\" data-name=\"lanes-partition-20\"").contains(">no rate \u2014 incomplete<".replace("\u2014", "&#8212;"));
    }

    @Test
    void barsAreOnALogScaleWithDecadeGridlines() {
        String svg = DemoCharts.throughput(RUN);
        Map<String, Double> widths = new LinkedHashMap<>();
        Matcher bar = Pattern.compile("<rect class=\"bar [a-z]+\" data-name=\"([^\"]+)\" x=\"[0-9.]+\" "
                + "y=\"[0-9.]+\" width=\"([0-9.]+)\"").matcher(svg);
        while (bar.find()) {
            widths.put(bar.group(1), Double.parseDouble(bar.group(2)));
        }
        List<Double> decades = new ArrayList<>();
        Matcher grid = Pattern.compile("<line class=\"decade\" x1=\"([0-9.]+)\"").matcher(svg);
        while (grid.find()) {
            decades.add(Double.parseDouble(grid.group(1)));
        }

        // 100 to 20,000 rec/s: gridlines from 10 (a decade under the slowest) to 100k.
        assertThat(decades).hasSize(5);
        assertThat(svg).contains(">10</text>", ">100</text>", ">1k</text>", ">10k</text>", ">100k</text>");
        double decade = (decades.get(4) - decades.get(0)) / 4;
        assertThat(decades.get(1) - decades.get(0)).isCloseTo(decade, within(0.1));
        assertThat(widths.keySet()).containsExactly("sequential", "group-20", "lanes-key-20",
                "lanes-unordered-50-4p");
        assertThat(widths.get("sequential")).isCloseTo(decade, within(0.1));
        assertThat(widths.get("group-20") - widths.get("sequential")).isCloseTo(decade, within(0.1));
        assertThat(widths.get("lanes-key-20") - widths.get("group-20")).isCloseTo(decade, within(0.1));
        assertThat(widths.get("lanes-unordered-50-4p") - widths.get("lanes-key-20"))
                .isCloseTo(Math.log10(2) * decade, within(0.1));
        assertThat(svg).contains("Lanes UNORDERED @50, 4 partitions", ">100 rec/s (extrapolated)</text>",
                ">20,000 rec/s</text>", ">no rate &#8212; incomplete</text>");
    }

    @Test
    void timelineDrawsTheLimitAndHandlesFewSamples() {
        String key = DemoCharts.timeline(RUN.results().get(2), EVENTS);

        assertThat(key).contains("<line class=\"limit\"", "stroke-dasharray=\"5 3\"", ">limit 20</text>",
                "<polyline class=\"inflight\"", "<polygon class=\"processed\"");
        // In flight tops the scale at 20, so the limit line is the plot's top (y = 40).
        assertThat(key).contains("<line class=\"limit\" x1=\"40.0\" y1=\"40.0\" x2=\"316.0\" y2=\"40.0\"");
        assertThat(DemoCharts.timeline(RUN.results().get(3), EVENTS)).contains(">limit 50</text>");
        assertThat(DemoCharts.timeline(RUN.results().get(1), EVENTS)).contains(">no samples</text>")
                .doesNotContain("<polyline");
        assertThat(DemoCharts.timeline(RUN.results().get(0), EVENTS)).contains("<circle class=\"inflight\"")
                .doesNotContain("NaN", "Infinity");
    }

    @Test
    void theLimitLabelNamesTheEffectiveConcurrencyWhenThePartitionsCapIt() {
        DemoStrategy partition = new DemoStrategy("lanes-partition-20", "Lanes PARTITION", DemoStrategy.Kind.LANES,
                4, 1, 20, 20, Ordering.PARTITION, null);
        DemoResult result = new DemoResult(partition, 10, 10, 10, 1, 1, 1, false, 4, ramp(4, 10), null);

        assertThat(DemoCharts.timeline(result, 10)).contains(">limit 20, effective 4</text>");
    }

    @Test
    void longTimelinesAreDownsampledKeepingThePeaks() {
        List<Sample> samples = IntStream.range(0, 10_000)
                .mapToObj(i -> new Sample(i * 0.001, i == 5_003 ? 99 : i % 7, i)).toList();

        List<Sample> points = DemoCharts.downsample(samples, DemoCharts.MAX_POINTS);

        assertThat(points).hasSizeLessThanOrEqualTo(DemoCharts.MAX_POINTS + 1).contains(samples.get(5_003))
                .endsWith(samples.get(9_999));
        assertThat(points).allMatch(p -> p.inFlight() >= 6 || p == samples.get(9_999));
        assertThat(DemoCharts.downsample(samples.subList(0, 3), 600)).isEqualTo(samples.subList(0, 3));
        String svg = DemoCharts.timeline(new DemoResult(KEY, 10_000, 10_000, 10_000, 10, 10, 10, false, 99,
                samples, null), 10_000);
        Matcher line = Pattern.compile("<polyline class=\"inflight\" points=\"([^\"]+)\"").matcher(svg);
        assertThat(line.find()).isTrue();
        assertThat(line.group(1).split(" ")).hasSizeLessThanOrEqualTo(DemoCharts.MAX_POINTS + 1);
    }

    @Test
    void theProcessedScaleTopsAtTheRunsEventsOnEveryChart() {
        String html = DemoHtml.render(RUN);

        // 400 (the sequential sample), 8,000, 7,990 processed: one scale for all, up to the run's 8,000 events.
        Matcher top = Pattern.compile("<text class=\"tick processed-top\"[^>]*>([^<]+)</text>").matcher(html);
        List<String> tops = new ArrayList<>();
        while (top.find()) {
            tops.add(top.group(1));
        }
        assertThat(tops).hasSize(RUN.results().size() - 1).containsOnly("8k"); // group-20 has no samples
        assertThat(html).contains("(right) 0 of 400</text>", "(right) 8,000 of 8,000</text>");
    }

    @Test
    void dropsToZeroInFlightAreMarkedAndExplained() {
        List<Sample> samples = List.of(new Sample(0, 0, 0), new Sample(0.01, 1, 0), new Sample(0.02, 0, 1),
                new Sample(0.03, 0, 1), new Sample(0.04, 1, 1), new Sample(0.05, 0, 2));
        DemoResult sequential = new DemoResult(SEQUENTIAL, 2, 2, 2, 0.05, 0.05, 0.05, false, 1, samples, null);

        String svg = DemoCharts.timeline(sequential, EVENTS);

        // Before the first call and after the last are not drops: only the two in between.
        assertThat(count(svg, "<line class=\"idle\"")).isEqualTo(2);
        assertThat(svg).contains("2 samples at 0 in flight (red): between batches (commit, poll)");
        assertThat(DemoCharts.timeline(RUN.results().get(2), EVENTS)).doesNotContain("class=\"idle");
    }

    @Test
    void theSlowKeyRunChartsKafkasLagAgainstTheBacklog() {
        SlowKeyResult slow = new SlowKeyResult(16, 50, EVENTS, "product-7", 4, 3.0, List.of(
                new SlowKeyResult.LagSample(0.0, 8_000, 8_000, 8_000),
                new SlowKeyResult.LagSample(1.0, 3_000, 2_900, 2_000),
                new SlowKeyResult.LagSample(2.0, 502, 4, 4),
                new SlowKeyResult.LagSample(3.2, 0, 0, 0)), null);
        DemoRun run = new DemoRun(RUN.machine(), RUN.workload(), EVENTS, 72, RUN.results(), slow);

        String html = DemoHtml.render(run);

        assertThat(html).contains("Kafka lag count.", "<polyline class=\"kafka-lag\"", "<polyline class=\"backlog\"",
                "<polyline class=\"not-ended\"", "<rect class=\"hold\"", "key product-7 held",
                "At 2.0 s: Kafka's lag 502, Lanes' backlog 4, records not ended 4.",
                ">Kafka&#39;s lag 502</text>", ">Lanes&#39; backlog 4 (not ended 4)</text>");
        assertThat(count(html, "<svg")).isEqualTo(RUN.results().size() + 2);
        // 0 at the bottom (y = 300 - 40), and 8,000 under the top decade of a log scale.
        Matcher lag = Pattern.compile("<polyline class=\"kafka-lag\" points=\"([^\"]+)\"").matcher(html);
        assertThat(lag.find()).isTrue();
        String[] points = lag.group(1).split(" ");
        assertThat(points).hasSize(4);
        assertThat(points[3]).endsWith(",270.0");
        assertThat(Double.parseDouble(points[0].split(",")[1])).isBetween(70.0, 90.0);
    }

    @Test
    void aSlowKeyRunWithOneSampleOrNoneStillDraws() {
        SlowKeyResult one = new SlowKeyResult(16, 50, EVENTS, "k", 1, 1.0, List.of(
                new SlowKeyResult.LagSample(0.5, 600, 3, 3)), "stopped");

        assertThat(LagChart.render(one)).contains("<polyline class=\"kafka-lag\" points=\"",
                "<polyline class=\"backlog\"").doesNotContain("NaN", "Infinity");
        assertThat(LagChart.render(new SlowKeyResult(16, 50, EVENTS, "k", 1, 1.0, List.of(), "x")))
                .contains(">no samples</text>").doesNotContain("<polyline");
    }

    @Test
    void aRunWithoutResultsStillRenders() {
        String html = DemoHtml.render(new DemoRun("m", "w", 0, 0, List.of()));

        assertThat(html).startsWith("<!DOCTYPE html>").contains(">no results</text>", "not run here")
                .doesNotContain("NaN", "Infinity");
        assertThat(count(html, "<svg")).isEqualTo(1);
    }

    @Test
    void decadesAreLabelledShort() {
        assertThat(IntStream.rangeClosed(-2, 7).mapToObj(DemoCharts::decadeLabel).toList())
                .containsExactly("0.01", "0.1", "1", "10", "100", "1k", "10k", "100k", "1M", "10M");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
