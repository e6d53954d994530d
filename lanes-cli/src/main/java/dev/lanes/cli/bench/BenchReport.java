package dev.lanes.cli.bench;

import dev.lanes.cli.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one {@code lanes bench} run, as a table (stdout) and as JSON ({@code --json}).
 * Each case's ratio is its rate against the {@code plain} loop of the same run, or, for a sleep
 * case, against its ideal rate; without a {@code plain} case a no-op case has no ratio (blank in
 * the table, {@code null} in the JSON). A peer's row ({@code --peer}) follows its Lanes case's, and
 * the Lanes row gains the ratio Lanes ÷ peer ({@code lanes/peer=} in the table,
 * {@code lanesOverPeer} in the JSON). Immutable.
 */
final class BenchReport {

    private final String machine;
    private final List<BenchResult> results;
    private final double plainRate;
    private final double plainCpuPerMillion;

    BenchReport(String machine, List<BenchResult> results) {
        this.machine = machine;
        this.results = List.copyOf(results);
        this.plainRate = results.stream().filter(r -> r.peer() == null && r.name().equals(BenchCase.PLAIN.caseName()))
                .mapToDouble(BenchResult::recordsPerSecond).findFirst().orElse(Double.NaN);
        this.plainCpuPerMillion = results.stream()
                .filter(r -> r.peer() == null && r.name().equals(BenchCase.PLAIN.caseName()))
                .mapToDouble(BenchResult::cpuSecondsPerMillion).findFirst().orElse(Double.NaN);
    }

    /**
     * The case's CPU per record over the plain loop's (this process's CPU in both, the broker's
     * left out); NaN without a {@code plain} case.
     */
    double cpuRatio(BenchResult r) {
        return r.cpuSecondsPerMillion() / plainCpuPerMillion;
    }

    List<BenchResult> results() {
        return results;
    }

    /** The case's rate over its yardstick; NaN when there is none. */
    double ratio(BenchResult r) {
        return r.ideal() > 0 ? r.recordsPerSecond() / r.ideal() : r.recordsPerSecond() / plainRate;
    }

    /**
     * A Lanes row's rate over the rate of the peer's row of the same case; NaN on other rows, or
     * when the peer has no rate (it failed).
     */
    double lanesOverPeer(BenchResult r) {
        if (r.peer() != null) {
            return Double.NaN;
        }
        return results.stream().filter(p -> p.peer() != null && p.name().equals(r.name()) && p.recordsPerSecond() > 0)
                .mapToDouble(p -> r.recordsPerSecond() / p.recordsPerSecond()).findFirst().orElse(Double.NaN);
    }

    /** What {@link #ratio} divides by: {@code "ideal"} or {@code "plain"}. */
    static String ratioAgainst(BenchResult r) {
        return r.ideal() > 0 ? "ideal" : "plain";
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-28s %10s %12s %8s %6s %8s %9s %10s %8s %8s %8s %6s%n",
                "case", "records", "rec/s", "ratio", "vs", "wall s", "heap MiB", "heapGC MiB",
                "RSS MiB", "HWM MiB", "cpu s/M", "cpu×"));
        for (BenchResult r : results) {
            double ratio = ratio(r);
            double cpuRatio = cpuRatio(r);
            out.append(String.format(Locale.ROOT,
                    "%-28s %,10d %,12.0f %8s %6s %8.2f %9.1f %10.1f %8.1f %8.1f %8.2f %6s%s%s%n",
                    r.label(), r.counted(), r.recordsPerSecond(),
                    Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.3f", ratio), ratioAgainst(r),
                    r.wallSeconds(), r.peakHeapUsedMiB(), r.peakHeapAfterGcMiB(), r.peakRssMiB(),
                    r.vmHwmMiB(), r.cpuSecondsPerMillion(),
                    Double.isNaN(cpuRatio) ? "-" : String.format(Locale.ROOT, "%.2f", cpuRatio), Double.isNaN(lanesOverPeer(r)) ? ""
                            : String.format(Locale.ROOT, "  lanes/peer=%.2f", lanesOverPeer(r)),
                    r.note() == null ? "" : "  " + r.note()));
        }
        for (BenchResult r : results) {
            out.append(String.format(Locale.ROOT, "  %s: cpu %s=%.1fs%s broker=%s; ideal=%s; %s%n", r.label(),
                    r.peer() == null ? "bench" : "peer",
                    r.benchCpuSeconds(), byThread(r), Double.isNaN(r.brokerCpuSeconds()) ? "n/a"
                            : String.format(Locale.ROOT, "%.1fs", r.brokerCpuSeconds()),
                    r.ideal() > 0 ? String.format(Locale.ROOT, "%.0f rec/s", r.ideal()) : "-", r.detail()));
        }
        return out.toString();
    }

    /** " (poller 0.62 workers 0.21 …)", or "" when nothing was sampled. */
    private static String byThread(BenchResult r) {
        if (r.cpuByThread().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (");
        r.cpuByThread().forEach((kind, seconds) -> out.append(out.length() > 2 ? " " : "").append(kind)
                .append(String.format(Locale.ROOT, " %.2f", seconds)));
        return out.append(')').toString();
    }

    String json() {
        StringBuilder out = new StringBuilder("{\n  \"machine\": ");
        Json.quote(out, machine);
        out.append(",\n  \"cases\": [\n");
        for (int i = 0; i < results.size(); i++) {
            BenchResult r = results.get(i);
            out.append("    {\"case\": ");
            Json.quote(out, r.name());
            out.append(", \"peer\": ");
            Json.quote(out, r.peer());
            out.append(", \"records\": ").append(r.counted());
            out.append(", \"needed\": ").append(r.needed());
            Json.number(out, "recordsPerSecond", r.recordsPerSecond(), "%.0f");
            Json.number(out, "ratio", ratio(r), "%.4f");
            out.append(", \"ratioAgainst\": \"").append(ratioAgainst(r)).append('"');
            Json.number(out, "lanesOverPeer", lanesOverPeer(r), "%.4f");
            Json.number(out, "ideal", r.ideal(), "%.0f");
            Json.number(out, "wallSeconds", r.wallSeconds(), "%.3f");
            Json.number(out, "peakHeapUsedMiB", r.peakHeapUsedMiB(), "%.1f");
            Json.number(out, "peakHeapAfterGcMiB", r.peakHeapAfterGcMiB(), "%.1f");
            Json.number(out, "peakRssMiB", r.peakRssMiB(), "%.1f");
            Json.number(out, "vmHwmMiB", r.vmHwmMiB(), "%.1f");
            Json.number(out, "benchCpuSeconds", r.benchCpuSeconds(), "%.2f");
            Json.number(out, "brokerCpuSeconds", r.brokerCpuSeconds(), "%.2f");
            Json.number(out, "cpuSecondsPerMillion", r.cpuSecondsPerMillion(), "%.3f");
            Json.number(out, "cpuRatio", cpuRatio(r), "%.3f");
            out.append(", \"cpuByThread\": {");
            String separator = "";
            for (Map.Entry<String, Double> entry : r.cpuByThread().entrySet()) {
                out.append(separator);
                Json.quote(out, entry.getKey());
                out.append(String.format(Locale.ROOT, ": %.2f", entry.getValue()));
                separator = ", ";
            }
            out.append('}');
            out.append(", \"note\": ");
            Json.quote(out, r.note());
            out.append(", \"detail\": ");
            Json.quote(out, r.detail());
            out.append(i + 1 < results.size() ? "},\n" : "}\n");
        }
        return out.append("  ]\n}\n").toString();
    }
}
