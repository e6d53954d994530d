package dev.lanes.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.Ordering;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link DemoReport}: the table and the JSON of a fixed run, and the speed-ups. */
class DemoReportTest {

    private static final List<DemoStrategy> ROWS = DemoStrategy.all(16, 4, 1000);

    private static DemoResult result(DemoStrategy strategy, long records, long distinct, double wall, double ideal,
                                     boolean extrapolated, String note) {
        return new DemoResult(strategy, records, distinct, distinct + 3, extrapolated ? wall / 16 : wall, wall, ideal,
                extrapolated, strategy.effectiveConcurrency(),
                List.of(new DemoResult.Sample(0, 0, 0), new DemoResult.Sample(0.5, 7, distinct)), note);
    }

    private static final DemoRun RUN = new DemoRun("java 25, 2 CPUs", "8,000 events \"quoted\"", 8000, 72.0, List.of(
            result(ROWS.get(0), 500, 500, 80.0, 72.0, true, null),
            result(ROWS.get(1), 8000, 8000, 5.0, 4.5, false, null),
            result(ROWS.get(5), 8000, 8000, 4.0, 3.6, false, null),
            result(ROWS.get(7), 8000, 7990, 2.0, 1.44, false, "timed out after PT3M")));

    @Test
    void theSpeedUpIsOverTheSequentialRow() {
        assertThat(RUN.results()).extracting(RUN::speedUp).containsExactly(1.0, 16.0, 20.0, Double.NaN);
        DemoRun withoutSequential = new DemoRun("m", "w", 8000, 72, RUN.results().subList(1, 3));
        assertThat(withoutSequential.speedUp(withoutSequential.results().get(0))).isNaN();
    }

    @Test
    void theTableHasARowPerStrategyWithItsFiguresAndTheCountCheck() {
        List<String> lines = DemoReport.table(RUN).lines().collect(Collectors.toList());

        assertThat(lines.get(0)).startsWith("strategy").contains("wall time", "records/s", "speed-up",
                "efficiency", "article", "checked");
        assertThat(lines.get(1)).matches("one consumer, sequential\\s+16\\s+1 × 1\\s+1\\s+80\\.00 s\\*\\s+100"
                + "\\s+1\\.0×\\s+90 %\\s+20 h \\(1×\\)\\s+500/500 ok");
        assertThat(lines.get(2)).matches("20 consumers in a group\\s+16\\s+20 × 1\\s+20 \\(16\\)\\s+5\\.00 s"
                + "\\s+1,600\\s+16\\.0×\\s+90 %\\s+6 h \\(3\\.3×\\)\\s+8,000/8,000 ok");
        assertThat(lines.get(3)).matches("Lanes UNORDERED\\s+16\\s+1 × 20\\s+20\\s+4\\.00 s\\s+2,000\\s+20\\.0×"
                + "\\s+90 %\\s+1 h \\(20×\\)\\s+8,000/8,000 ok");
        // An incomplete row's time says nothing about the whole: no rate, speed-up or efficiency.
        assertThat(lines.get(4)).matches("Lanes UNORDERED\\s+4\\s+1 × 50\\s+50\\s+2\\.00 s\\s+-\\s+-"
                + "\\s+-\\s+16 → 4 partitions\\s+7,990/8,000 FAILED: timed out after PT3M");
        assertThat(lines.get(5)).startsWith("* sequential: measured on the first 500 events (5.00 s),"
                + " extrapolated");
        assertThat(String.join("\n", lines)).contains("1 h there is 3.60 s here");
    }

    @Test
    void theJsonParsesBackWithEveryFigureAndTheTimeline() throws Exception {
        JsonNode root = new ObjectMapper().readTree(DemoReport.json(RUN));

        assertThat(root.get("workload").asText()).isEqualTo("8,000 events \"quoted\"");
        assertThat(root.get("events").asLong()).isEqualTo(8000);
        JsonNode strategies = root.get("strategies");
        assertThat(strategies.findValuesAsText("name")).containsExactly("sequential", "group-20",
                "lanes-unordered-20", "lanes-unordered-50-4p");
        JsonNode sequential = strategies.get(0);
        assertThat(sequential.get("extrapolated").asBoolean()).isTrue();
        assertThat(sequential.get("ordering").isNull()).isTrue();
        assertThat(sequential.get("speedUp").asDouble()).isEqualTo(1.0);
        JsonNode group = strategies.get(1);
        assertThat(group.get("effectiveConcurrency").asInt()).isEqualTo(16);
        assertThat(group.get("consumers").asInt()).isEqualTo(20);
        assertThat(group.get("recordsPerSecond").asDouble()).isEqualTo(1600.0);
        assertThat(group.get("efficiency").asDouble()).isCloseTo(0.9, within(1e-4));
        assertThat(group.get("timeline").get(1).get(1).asInt()).isEqualTo(7);
        JsonNode failed = strategies.get(3);
        assertThat(failed.get("ordering").asText()).isEqualTo("UNORDERED");
        assertThat(failed.get("complete").asBoolean()).isFalse();
        assertThat(failed.get("note").asText()).isEqualTo("timed out after PT3M");
        assertThat(failed.get("recordsPerSecond").isNull()).isTrue();
        assertThat(failed.get("speedUp").isNull()).isTrue();
        assertThat(failed.get("efficiency").isNull()).isTrue();
        assertThat(failed.get("partitions").asInt()).isEqualTo(4);
        assertThat(strategies.get(2).get("article").asText()).isEqualTo("1 h (20×)");
        assertThat(strategies.get(2).get("note").isNull()).isTrue();
    }

    @Test
    void aSequentialRowThatCountedBeyondItsSampleStillShowsTheSample() {
        DemoRun run = new DemoRun("m", "w", 8000, 72, List.of(result(ROWS.get(0), 500, 501, 80.0, 72.0, true, null)));

        assertThat(DemoReport.table(run).lines().skip(1).findFirst().orElseThrow()).endsWith("500/500 ok");
    }

    @Test
    void withoutACompleteSequentialRowThereIsNoSpeedUp() {
        DemoRun run = new DemoRun("m", "w", 8000, 72, List.of(
                result(ROWS.get(0), 500, 200, 30.0, 72.0, false, "timed out after PT3M"),
                result(ROWS.get(5), 8000, 8000, 4.0, 3.6, false, null)));

        assertThat(run.speedUp(run.results().get(1))).isNaN();
        assertThat(run.results().get(1).efficiency()).isEqualTo(0.9);
    }

    @Test
    void aRowThatCouldNotRunShowsWhy() {
        DemoRun run = new DemoRun("m", "w", 8000, 72,
                List.of(DemoResult.failed(ROWS.get(1), 8000, "cannot create topic t: no room")));

        assertThat(DemoReport.table(run).lines().skip(1).findFirst().orElseThrow())
                .matches("20 consumers in a group\\s+16\\s+20 × 1\\s+20 \\(16\\)\\s+-\\s+-\\s+-\\s+-\\s+6 h \\(3\\.3×\\)"
                        + "\\s+0/8,000 FAILED: cannot create topic t: no room");
    }

    @Test
    void theSlowKeyRunIsPrintedAndInTheJson() throws Exception {
        List<SlowKeyResult.LagSample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            samples.add(new SlowKeyResult.LagSample(i * 0.2, 502 + 40 - i, 4, 4));
        }
        SlowKeyResult slow = new SlowKeyResult(16, 50, 8000, "product-7", 4, 3.0, samples, null);
        DemoRun run = new DemoRun("m", "w", 8000, 72, RUN.results(), slow);

        String table = DemoReport.table(run);

        assertThat(table).contains("slow key: Lanes KEY @50, 16 partitions, 8,000 events; the 4 records of key"
                + " product-7 held 3.0 s");
        List<String> lines = table.lines().dropWhile(l -> !l.startsWith("slow key")).collect(Collectors.toList());
        assertThat(lines.get(1)).matches("\\s+time\\s+Kafka lag\\s+Lanes backlog\\s+not ended");
        assertThat(lines.get(2)).matches("\\s+0\\.00 s\\s+542\\s+4\\s+4");
        // 40 samples print as every second one, and the last.
        assertThat(lines.stream().filter(l -> l.matches("\\s+[0-9.]+ s\\s.*"))).hasSize(21);
        assertThat(lines).contains(String.format("%9s %11s %14s %10s", "7.80 s", "503", "4", "4"));
        assertThat(table).contains("at 0.00 s Kafka's lag was 542 and Lanes' backlog 4, with 4 records not ended");

        JsonNode key = new ObjectMapper().readTree(DemoReport.json(run)).get("slowKey");
        assertThat(key.get("key").asText()).isEqualTo("product-7");
        assertThat(key.get("holdSeconds").asDouble()).isEqualTo(3.0);
        assertThat(key.get("samples")).hasSize(40);
        assertThat(key.get("samples").get(1).toString()).isEqualTo("[0.2,541,4,4]");
        assertThat(key.get("samples").get(39).toString()).isEqualTo("[7.8,503,4,4]");
        assertThat(new ObjectMapper().readTree(DemoReport.json(RUN)).has("slowKey")).isFalse();
    }
}
