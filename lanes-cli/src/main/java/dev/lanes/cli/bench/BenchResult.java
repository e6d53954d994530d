package dev.lanes.cli.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One case of {@code lanes bench}, fully measured: throughput, memory and CPU. The ratio is the
 * report's to compute ({@link BenchReport}), against the plain loop of the same run or the
 * case's ideal. Immutable.
 *
 * @param name the case name ({@link BenchCase#caseName()})
 * @param needed records the case had to see
 * @param counted distinct records it saw
 * @param recordsPerSecond first-to-last rate
 * @param ideal the best rate a sleep case can reach, or 0 (then compared with {@code plain})
 * @param wallSeconds including the group join
 * @param peakHeapUsedMiB peak heap used, sampled every 100 ms
 * @param peakHeapAfterGcMiB peak of the heap left after a collection (the live set)
 * @param peakRssMiB peak {@code VmRSS}
 * @param vmHwmMiB {@code VmHWM}, reset per case where Linux allows it
 * @param benchCpuSeconds CPU of this process during the case
 * @param brokerCpuSeconds CPU of the embedded broker during the case; NaN with {@code --bootstrap}
 * @param cpuByThread this process's CPU seconds by kind of thread ({@link ThreadCpuSampler.Kind}'s
 *     labels, in that order); empty for a peer's row, which runs in its own process
 * @param note {@code null}, or what went wrong (a timeout)
 * @param detail the case's own counters, one line
 * @param peer {@code null} for plain and Lanes, else the peer that ran the case ({@code confluent-pc})
 */
record BenchResult(String name, long needed, long counted, double recordsPerSecond, double ideal,
                   double wallSeconds, double peakHeapUsedMiB, double peakHeapAfterGcMiB,
                   double peakRssMiB, double vmHwmMiB, double benchCpuSeconds, double brokerCpuSeconds,
                   Map<String, Double> cpuByThread, String note, String detail, String peer) {

    BenchResult {
        cpuByThread = Collections.unmodifiableMap(new LinkedHashMap<>(cpuByThread));
    }

    /** A row of plain or of Lanes. */
    BenchResult(String name, long needed, long counted, double recordsPerSecond, double ideal,
                double wallSeconds, double peakHeapUsedMiB, double peakHeapAfterGcMiB, double peakRssMiB,
                double vmHwmMiB, double benchCpuSeconds, double brokerCpuSeconds, Map<String, Double> cpuByThread,
                String note, String detail) {
        this(name, needed, counted, recordsPerSecond, ideal, wallSeconds, peakHeapUsedMiB, peakHeapAfterGcMiB,
                peakRssMiB, vmHwmMiB, benchCpuSeconds, brokerCpuSeconds, cpuByThread, note, detail, null);
    }

    /** CPU seconds of this process (a peer's: of its own) per million records counted; NaN when none were. */
    double cpuSecondsPerMillion() {
        return counted == 0 ? Double.NaN : benchCpuSeconds / counted * 1e6;
    }

    /** The name in the table: the case, and the peer's name on a peer's row. */
    String label() {
        return peer == null ? name : name + "@" + peer;
    }

    /** Whether the case saw every record it needed. */
    boolean complete() {
        return counted >= needed && note == null;
    }

    /**
     * The run of median rate (the lower middle one of an even count), its detail prefixed with every
     * run's rate; a run that did not complete is the result, since a rate over missing records says nothing.
     */
    static BenchResult medianOf(List<BenchResult> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        for (BenchResult run : runs) {
            if (!run.complete()) {
                return run;
            }
        }
        List<BenchResult> byRate = new ArrayList<>(runs);
        byRate.sort(Comparator.comparingDouble(BenchResult::recordsPerSecond));
        BenchResult median = byRate.get((byRate.size() - 1) / 2);
        StringBuilder rates = new StringBuilder();
        for (BenchResult run : runs) {
            rates.append(rates.length() == 0 ? "" : " · ").append(String.format(Locale.ROOT, "%,.0f", run.recordsPerSecond()));
        }
        return new BenchResult(median.name(), median.needed(), median.counted(), median.recordsPerSecond(),
                median.ideal(), median.wallSeconds(), median.peakHeapUsedMiB(), median.peakHeapAfterGcMiB(),
                median.peakRssMiB(), median.vmHwmMiB(), median.benchCpuSeconds(), median.brokerCpuSeconds(),
                median.cpuByThread(), median.note(), "median of " + runs.size() + " runs (" + rates + " rec/s); "
                + median.detail());
    }
}
