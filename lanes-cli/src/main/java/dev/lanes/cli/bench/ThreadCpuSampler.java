package dev.lanes.cli.bench;

import dev.lanes.cli.ProcessCpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where this JVM's CPU goes during a case, by kind of thread: the poller, the workers, Kafka's
 * client threads, garbage collection, the JIT compilers, and the rest. Reads each thread's
 * {@code utime + stime} from {@code /proc/self/task/TID/stat} (Linux) every 100 ms, so a thread
 * that ends during a case (the poller ends at close) keeps what it used up to its last sample;
 * elsewhere every figure is 0. Written by the sampler thread and the command's thread, under this
 * object's lock.
 */
final class ThreadCpuSampler {
    private static final Path TASKS = Path.of("/proc/self/task");

    /** A kind of thread, by its name (Linux keeps the first 15 characters of a Java thread's name). */
    enum Kind {
        POLLER, WORKERS, KAFKA, GC, JIT, OTHER;

        static Kind of(String threadName) {
            if (threadName.startsWith("lanes-poller")) {
                return POLLER;
            }
            if (threadName.startsWith("lanes-worker") || threadName.startsWith("ForkJoinPool-")) {
                return WORKERS; // platform workers, or the carriers of the virtual ones
            }
            if (threadName.startsWith("consumer_backgr") || threadName.startsWith("kafka-")) {
                return KAFKA;
            }
            if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
                return GC;
            }
            if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
                return JIT;
            }
            return OTHER;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Ticks of each thread (by id) when the case started. */
    private final Map<String, Long> atStart = new HashMap<>();
    /** Ticks and name of each thread (by id) at its latest sample. */
    private final Map<String, Long> latest = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private Thread thread;

    void start() {
        thread = Sampling.every100Ms("cpu-sampler", this::sample);
    }

    void stop() {
        thread.interrupt();
    }

    /** A new case starts now. */
    synchronized void reset() {
        latest.clear();
        names.clear();
        sample();
        atStart.clear();
        atStart.putAll(latest);
    }

    /** CPU seconds by kind of thread since {@link #reset}, every kind present. */
    synchronized Map<Kind, Double> secondsByKind() {
        sample();
        Map<Kind, Double> seconds = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            seconds.put(kind, 0.0);
        }
        latest.forEach((tid, ticks) -> seconds.merge(Kind.of(names.get(tid)),
                (ticks - atStart.getOrDefault(tid, 0L)) / ProcessCpu.TICKS_PER_SECOND, Double::sum));
        return seconds;
    }

    /**
     * {@link #secondsByKind} by label, with {@code other} made up to the process's total: threads
     * that began and ended between two samples count there. Empty when nothing was sampled (not Linux).
     */
    Map<String, Double> secondsByLabel(double processSeconds) {
        Map<Kind, Double> seconds = secondsByKind();
        double sampled = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        if (sampled == 0) {
            return Map.of();
        }
        Map<String, Double> byLabel = new LinkedHashMap<>();
        seconds.forEach((kind, s) -> byLabel.put(kind.label(), kind == Kind.OTHER
                ? Math.max(0, processSeconds - sampled + s) : s));
        return byLabel;
    }

    private synchronized void sample() {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String tid = task.getFileName().toString();
                    latest.put(tid, ProcessCpu.ticksOf(stat));
                    names.put(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing to sample
        }
    }
}
