package dev.lanes.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Samples this JVM's memory every 100 ms on a daemon thread: heap used (MemoryMXBean), heap
 * after the last collection (the sum of the heap pools' collection usage: the live set), and the
 * process RSS ({@code VmRSS} of {@code /proc/self/status}). Peaks are per case: {@link #reset}
 * starts a new one. Used by {@code lanes bench}; any thread.
 */
final class MemorySampler {
    private static final Path STATUS = Path.of("/proc/self/status");

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private volatile long peakHeapUsed;
    private volatile long peakHeapAfterGc;
    private volatile long peakRssKb;
    private Thread thread;

    record Peaks(long heapUsed, long heapAfterGc, long rss) {
    }

    void start() {
        thread = Sampling.every100Ms("memory-sampler", this::sample);
    }

    void stop() {
        thread.interrupt();
    }

    synchronized void reset() {
        peakHeapUsed = 0;
        peakHeapAfterGc = 0;
        peakRssKb = 0;
        // Resets VmHWM to the current RSS (Linux 4.0+), so VmHWM is per case too; ignored elsewhere.
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not permitted: VmHWM then covers the whole process life
        }
        sample();
    }

    synchronized Peaks peaks() {
        sample();
        return new Peaks(peakHeapUsed, peakHeapAfterGc, peakRssKb);
    }

    private synchronized void sample() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        peakHeapUsed = Math.max(peakHeapUsed, heap.getUsed());
        long afterGc = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage usage = pool.getCollectionUsage();
            if (usage != null) {
                afterGc += usage.getUsed();
            }
        }
        peakHeapAfterGc = Math.max(peakHeapAfterGc, afterGc);
        peakRssKb = Math.max(peakRssKb, procStatusKb("VmRSS"));
    }

    /** A {@code kB} line of {@code /proc/self/status}, or 0 when unavailable. */
    static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
