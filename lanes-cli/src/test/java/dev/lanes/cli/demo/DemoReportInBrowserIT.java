package dev.lanes.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's HTML report, rendered from a real full-size run ({@code demo-run.json}, recorded
 * with {@code ./lanes demo --json}), loaded in a real headless Chromium at 1280 and 800 px wide:
 * nothing overflows the page or the table, every column is on screen, the charts are drawn with
 * their series, and the processed scales share their top. A copy of the page gets a script that
 * measures the laid-out page and writes the figures into the DOM, which {@code --dump-dom}
 * returns. Screenshots go to {@code target/demo-report/} to look at.
 */
class DemoReportInBrowserIT {

    private static final Pattern MEASURED = Pattern.compile("<pre id=\"lanes-measure\">([^<]*)</pre>");

    /** Reads the laid-out page; appended to a copy of it, so the report itself stays without script. */
    private static final String MEASURE = """
            <script>
            (function () {
              var root = document.documentElement, table = document.querySelector('table.results');
              function box(e) { var b = e.getBoundingClientRect(); return {left: b.left, right: b.right, width: b.width}; }
              function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
              var m = {
                viewport: root.clientWidth, pageScrollWidth: root.scrollWidth, bodyScrollWidth: document.body.scrollWidth,
                tableScrollWidth: table.scrollWidth, tableClientWidth: table.clientWidth, table: box(table),
                columns: all('table.results thead th').map(function (th) {
                  var b = box(th); b.text = th.textContent; return b; }),
                widestCellRight: Math.max.apply(null, all('table.results td').map(function (td) { return box(td).right; })),
                overflowingCells: all('table.results td').filter(function (td) { return td.scrollWidth > td.clientWidth + 1; })
                  .map(function (td) { return td.textContent; }),
                svgs: all('svg').map(function (s) { var b = box(s); b.kind = s.getAttribute('class');
                  b.name = s.getAttribute('data-name'); return b; }),
                timelinesDrawn: all('svg.timeline').filter(function (s) {
                  var p = s.querySelector('polyline.inflight');
                  return (p && p.getTotalLength() > 0) || s.querySelector('circle.inflight'); }).length,
                processedTops: all('svg.timeline text.processed-top').map(function (t) {
                  return t.textContent + '@' + t.getAttribute('y'); }),
                lagSeries: all('svg.lag polyline').map(function (p) {
                  return {kind: p.getAttribute('class'), length: p.getTotalLength()}; })
              };
              var out = document.createElement('pre');
              out.id = 'lanes-measure';
              out.textContent = JSON.stringify(m);
              document.body.appendChild(out);
            })();
            </script>
            """;

    @TempDir
    static Path work;

    private static Path page;
    private static DemoRun run;

    @BeforeAll
    static void renderTheRecordedRun() throws Exception {
        run = RecordedDemoRun.load("demo-run.json");
        String html = DemoHtml.render(run);
        Path report = Path.of("target", "demo-report");
        Files.createDirectories(report);
        Files.writeString(report.resolve("lanes-demo.html"), html, StandardCharsets.UTF_8);
        page = work.resolve("measured.html");
        Files.writeString(page, html.replace("</body>", MEASURE + "</body>"), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1280, 800})
    void theReportFitsTheWindowAndDrawsEveryChart(int width) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(work);

        JsonNode m = measure(chromium.dumpDom(page, width, 900));
        chromium.screenshot(Path.of("target", "demo-report", "lanes-demo.html").toAbsolutePath(),
                Path.of("target", "demo-report", "lanes-demo-" + width + ".png"), width, width == 800 ? 3300 : 3100);

        double viewport = m.get("viewport").asDouble();
        assertThat(viewport).isEqualTo(width);
        assertThat(m.get("pageScrollWidth").asDouble()).as("page scroll width").isLessThanOrEqualTo(viewport);
        assertThat(m.get("bodyScrollWidth").asDouble()).as("body scroll width").isLessThanOrEqualTo(viewport);
        assertThat(m.get("tableScrollWidth").asDouble()).as("table scroll width")
                .isLessThanOrEqualTo(m.get("tableClientWidth").asDouble());
        assertThat(m.get("table").get("right").asDouble()).as("table's right edge").isLessThanOrEqualTo(viewport);
        assertThat(m.get("widestCellRight").asDouble()).as("rightmost cell").isLessThanOrEqualTo(viewport);
        assertThat(m.get("overflowingCells")).as("cells whose content overflows them").isEmpty();
        List<String> columns = new ArrayList<>();
        for (JsonNode column : m.get("columns")) {
            columns.add(column.get("text").asText().replace("\u00ad", ""));
            assertThat(column.get("left").asDouble()).as(column.get("text").asText()).isGreaterThanOrEqualTo(0);
            assertThat(column.get("right").asDouble()).as(column.get("text").asText()).isLessThanOrEqualTo(viewport);
            assertThat(column.get("width").asDouble()).as(column.get("text").asText()).isGreaterThan(20);
        }
        assertThat(columns).containsExactly("strategy", "partitions", "consumers \u00d7 threads",
                "concurrency", "wall s", "records/s", "speed-up", "efficiency", "article", "count check");

        assertThat(m.get("svgs")).hasSize(run.results().size() + 2).allSatisfy(svg -> {
            assertThat(svg.get("right").asDouble()).as("right edge of " + svg).isLessThanOrEqualTo(viewport);
            assertThat(svg.get("width").asDouble()).as("width of " + svg).isGreaterThan(200);
        });
        assertThat(m.get("timelinesDrawn").asInt()).isEqualTo(run.results().size());
        // The same 8,000 events, the same top on every chart, at the same height.
        assertThat(m.get("processedTops")).hasSize(run.results().size());
        assertThat(distinct(m.get("processedTops"))).containsExactly("8k@43.0");
        List<String> lag = new ArrayList<>();
        for (JsonNode series : m.get("lagSeries")) {
            lag.add(series.get("kind").asText());
            assertThat(series.get("length").asDouble()).as(series.get("kind").asText()).isGreaterThan(100);
        }
        assertThat(lag).containsExactlyInAnyOrder("not-ended", "kafka-lag", "backlog");
    }

    private static JsonNode measure(String dom) throws Exception {
        Matcher measured = MEASURED.matcher(dom);
        assertThat(measured.find()).as("the measuring script ran").isTrue();
        return new ObjectMapper().readTree(measured.group(1).replace("&quot;", "\"").replace("&amp;", "&")
                .replace("&lt;", "<").replace("&gt;", ">"));
    }

    private static List<String> distinct(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> {
            if (!out.contains(v.asText())) {
                out.add(v.asText());
            }
        });
        return out;
    }
}
