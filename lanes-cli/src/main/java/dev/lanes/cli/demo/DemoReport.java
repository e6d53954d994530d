package dev.lanes.cli.demo;

import dev.lanes.cli.Json;
import java.util.List;
import java.util.Locale;

/**
 * A {@link DemoRun} as a table (stdout) and as JSON ({@code --json}). Stateless.
 */
final class DemoReport {

    private static final String ROW = "%-26s %5s %9s %11s %11s %10s %9s %10s  %-17s %s%n";

    private DemoReport() {
    }

    static String table(DemoRun run) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "strategy", "parts", "consumers", "concurrency", "wall time",
                "records/s", "speed-up", "efficiency", "article", "checked"));
        for (DemoResult r : run.results()) {
            DemoStrategy s = r.strategy();
            String concurrency = s.effectiveConcurrency() == s.concurrency() ? String.valueOf(s.concurrency())
                    : s.concurrency() + " (" + s.effectiveConcurrency() + ")";
            double speedUp = run.speedUp(r);
            out.append(String.format(Locale.ROOT, ROW, s.label(), s.partitions(), s.shape(), concurrency,
                    orDash("%.2f s" + (r.extrapolated() ? "*" : ""), r.wallSeconds()),
                    orDash("%,.0f", r.recordsPerSecond(run.events())), orDash("%.1f×", speedUp),
                    orDash("%.0f %%", 100 * r.efficiency()), s.article() == null ? "" : s.article(), checked(r)));
        }
        footnotes(run, out);
        if (run.slowKey() != null) {
            slowKey(run.slowKey(), out);
        }
        return out.toString();
    }

    /** The most sample lines the table prints; a longer run prints every n-th, and the last. */
    static final int MAX_LAG_LINES = 30;

    private static void slowKey(SlowKeyResult k, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%nslow key: Lanes KEY @%d, %d partitions, %,d events; the %,d records"
                        + " of key %s held %.1f s, the others flow. Sampled from outside every %d ms:%n",
                k.concurrency(), k.partitions(), k.events(), k.slowRecords(), k.slowKey(), k.holdSeconds(),
                SlowKeyRun.SAMPLE_EVERY_MILLIS));
        out.append(String.format(Locale.ROOT, LAG_ROW, "time", "Kafka lag", "Lanes backlog", "not ended"));
        List<SlowKeyResult.LagSample> samples = k.samples();
        int every = Math.max(1, (samples.size() + MAX_LAG_LINES - 1) / MAX_LAG_LINES);
        for (int i = 0; i < samples.size(); i++) {
            if (i % every == 0 || i == samples.size() - 1) {
                SlowKeyResult.LagSample sample = samples.get(i);
                out.append(String.format(Locale.ROOT, LAG_ROW, format("%.2f s", sample.seconds()),
                        format("%,.0f", sample.kafkaLag()),
                        format("%,.0f", sample.backlog()),
                        format("%,.0f", sample.notEnded())));
            }
        }
        SlowKeyResult.LagSample most = k.mostOvercounted();
        if (most != null) {
            out.append(String.format(Locale.ROOT, "at %.2f s Kafka's lag was %,d and Lanes' backlog %,d, with %,d"
                            + " records not ended%n", most.seconds(), most.kafkaLag(), most.backlog(),
                    most.notEnded()));
        }
        out.append("Kafka lag: end - committed offsets, what KEDA's Kafka scaler sees. Lanes backlog: the same"
                + " minus the offsets the commit metadata names as ended. not ended: counted by the handler.\n");
        if (k.note() != null) {
            out.append("slow key FAILED: ").append(k.note()).append('\n');
        }
    }

    private static final String LAG_ROW = "%9s %11s %14s %10s%n";

    /** The number formatted, or "-" where there is none (an incomplete row, no sequential row). */
    private static String orDash(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }

    private static String checked(DemoResult r) {
        // The sequential row stops after its sample; a record or two may end meanwhile.
        String counted = String.format(Locale.ROOT, "%,d/%,d", Math.min(r.distinct(), r.records()), r.records());
        return r.complete() ? counted + " ok" : counted + " FAILED" + (r.note() == null ? "" : ": " + r.note());
    }

    private static void footnotes(DemoRun run, StringBuilder out) {
        for (DemoResult r : run.results()) {
            if (r.extrapolated()) {
                out.append(String.format(Locale.ROOT, "* %s: measured on the first %,d events (%.2f s), extrapolated"
                        + " by their I/O time to all %,d.%n", r.strategy().name(), r.records(), r.measuredSeconds(),
                        run.events()));
            }
        }
        out.append(String.format(Locale.ROOT, "concurrency: as configured (in brackets: what the partitions allow)."
                + " efficiency: the least time the work can take at that concurrency, over the wall time.%n"));
        out.append(String.format(Locale.ROOT, "time scale: the article's 20 h sequentially are %.1f s of I/O"
                + " here; 1 h there is %.2f s here.%n", run.totalWorkSeconds(), run.totalWorkSeconds() / 20));
    }

    static String json(DemoRun run) {
        StringBuilder out = new StringBuilder("{\n  \"machine\": ");
        Json.quote(out, run.machine());
        out.append(",\n  \"workload\": ");
        Json.quote(out, run.workload());
        out.append(",\n  \"events\": ").append(run.events());
        out.append(",\n  \"totalWorkSeconds\": ").append(format("%.3f", run.totalWorkSeconds()));
        out.append(",\n  \"strategies\": [\n");
        List<DemoResult> results = run.results();
        for (int i = 0; i < results.size(); i++) {
            strategy(out, run, results.get(i));
            out.append(i + 1 < results.size() ? ",\n" : "\n");
        }
        out.append("  ]");
        if (run.slowKey() != null) {
            slowKeyJson(out, run.slowKey());
        }
        return out.append("\n}\n").toString();
    }

    private static void slowKeyJson(StringBuilder out, SlowKeyResult k) {
        out.append(",\n  \"slowKey\": {\"partitions\": ").append(k.partitions());
        out.append(", \"concurrency\": ").append(k.concurrency());
        out.append(", \"events\": ").append(k.events());
        out.append(", \"key\": ");
        Json.quote(out, k.slowKey());
        out.append(", \"keyRecords\": ").append(k.slowRecords());
        Json.number(out, "holdSeconds", k.holdSeconds(), "%.3f");
        out.append(", \"note\": ");
        Json.quote(out, k.note());
        out.append(",\n    \"samples\": [");
        for (int i = 0; i < k.samples().size(); i++) {
            SlowKeyResult.LagSample s = k.samples().get(i);
            out.append(i == 0 ? "" : ",").append('[').append(format("%.3f", s.seconds())).append(',')
                    .append(s.kafkaLag()).append(',').append(s.backlog())
                    .append(',').append(s.notEnded()).append(']');
        }
        out.append("]}");
    }

    private static void strategy(StringBuilder out, DemoRun run, DemoResult r) {
        DemoStrategy s = r.strategy();
        out.append("    {\"name\": ");
        Json.quote(out, s.name());
        out.append(", \"label\": ");
        Json.quote(out, s.label());
        out.append(", \"kind\": \"").append(s.kind()).append('"');
        out.append(", \"ordering\": ").append(s.ordering() == null ? "null" : "\"" + s.ordering() + "\"");
        out.append(", \"partitions\": ").append(s.partitions());
        out.append(", \"consumers\": ").append(s.consumers());
        out.append(", \"threads\": ").append(s.threads());
        out.append(", \"concurrency\": ").append(s.concurrency());
        out.append(", \"effectiveConcurrency\": ").append(s.effectiveConcurrency());
        out.append(", \"records\": ").append(r.records());
        out.append(", \"distinct\": ").append(r.distinct());
        out.append(", \"invocations\": ").append(r.invocations());
        out.append(", \"complete\": ").append(r.complete());
        out.append(", \"extrapolated\": ").append(r.extrapolated());
        Json.number(out, "measuredSeconds", r.measuredSeconds(), "%.4f");
        Json.number(out, "wallSeconds", r.wallSeconds(), "%.4f");
        Json.number(out, "recordsPerSecond", r.recordsPerSecond(run.events()), "%.1f");
        Json.number(out, "speedUp", run.speedUp(r), "%.3f");
        Json.number(out, "idealSeconds", r.idealSeconds(), "%.4f");
        Json.number(out, "efficiency", r.efficiency(), "%.4f");
        out.append(", \"peakInFlight\": ").append(r.peakInFlight());
        out.append(", \"article\": ");
        Json.quote(out, s.article());
        out.append(", \"note\": ");
        Json.quote(out, r.note());
        out.append(",\n     \"timeline\": [");
        List<DemoResult.Sample> timeline = r.timeline();
        for (int i = 0; i < timeline.size(); i++) {
            DemoResult.Sample sample = timeline.get(i);
            out.append(i == 0 ? "" : ",").append('[').append(format("%.3f", sample.seconds())).append(',')
                    .append(sample.inFlight()).append(',').append(sample.processed()).append(']');
        }
        out.append("]}");
    }

    private static String format(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
