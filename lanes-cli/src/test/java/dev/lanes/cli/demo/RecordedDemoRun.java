package dev.lanes.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.Ordering;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DemoRun} read back from the JSON of a real {@code lanes demo --json} run, so that a
 * test can render the report of a full-size run without running it again. Test code only: the
 * demo itself never reads its JSON.
 */
final class RecordedDemoRun {

    private RecordedDemoRun() {
    }

    /** The run recorded in the class-path resource {@code name}. */
    static DemoRun load(String name) throws IOException {
        try (InputStream in = RecordedDemoRun.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return read(new ObjectMapper().readTree(in));
        }
    }

    static DemoRun read(JsonNode root) {
        List<DemoResult> results = new ArrayList<>();
        for (JsonNode s : root.get("strategies")) {
            results.add(result(s));
        }
        return new DemoRun(root.get("machine").asText(), root.get("workload").asText(), root.get("events").asLong(),
                root.get("totalWorkSeconds").asDouble(), results, root.has("slowKey") ? slowKey(root.get("slowKey")) : null);
    }

    private static DemoResult result(JsonNode s) {
        DemoStrategy strategy = new DemoStrategy(s.get("name").asText(), s.get("label").asText(),
                DemoStrategy.Kind.valueOf(s.get("kind").asText()), s.get("partitions").asInt(),
                s.get("consumers").asInt(), s.get("threads").asInt(), s.get("concurrency").asInt(),
                s.get("ordering").isNull() ? null : Ordering.valueOf(s.get("ordering").asText()), text(s, "article"));
        List<DemoResult.Sample> timeline = new ArrayList<>();
        for (JsonNode t : s.get("timeline")) {
            timeline.add(new DemoResult.Sample(t.get(0).asDouble(), t.get(1).asInt(), t.get(2).asLong()));
        }
        return new DemoResult(strategy, s.get("records").asLong(), s.get("distinct").asLong(),
                s.get("invocations").asLong(), number(s, "measuredSeconds"), number(s, "wallSeconds"),
                number(s, "idealSeconds"), s.get("extrapolated").asBoolean(), s.get("peakInFlight").asInt(), timeline,
                text(s, "note"));
    }

    private static SlowKeyResult slowKey(JsonNode k) {
        List<SlowKeyResult.LagSample> samples = new ArrayList<>();
        for (JsonNode t : k.get("samples")) {
            samples.add(new SlowKeyResult.LagSample(t.get(0).asDouble(), t.get(1).asLong(),
                    t.get(2).asLong(), t.get(3).asLong()));
        }
        return new SlowKeyResult(k.get("partitions").asInt(), k.get("concurrency").asInt(), k.get("events").asLong(),
                k.get("key").asText(), k.get("keyRecords").asLong(), k.get("holdSeconds").asDouble(), samples,
                text(k, "note"));
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).isNull() ? null : node.get(field).asText();
    }

    private static double number(JsonNode node, String field) {
        return node.get(field).isNull() ? Double.NaN : node.get(field).asDouble();
    }
}
