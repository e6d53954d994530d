package dev.lanes.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process ({@code /proc}) or of some threads of this JVM. Stateless; any thread. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Clock ticks a second in {@code /proc}'s CPU times (USER_HZ: 100 on Linux). */
    public static final double TICKS_PER_SECOND = 100.0;

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux), or 0 when unknown. */
    public static long ticks(long pid) {
        if (pid < 0) {
            return 0;
        }
        try {
            return ticksOf(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU seconds a process used since it had {@code startTicks} ({@link #ticks}); NaN for no
     * process ({@code pid < 0}).
     */
    public static double secondsSince(long pid, long startTicks) {
        return pid < 0 ? Double.NaN : (ticks(pid) - startTicks) / TICKS_PER_SECOND;
    }

    /**
     * utime + stime of one {@code stat} line of {@code /proc} (a process's or a thread's), in clock
     * ticks; the fields are counted after the command name, which may hold spaces and parentheses.
     *
     * @throws RuntimeException when the line is not a {@code stat} line
     */
    public static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU seconds used so far by the live threads whose name starts with {@code prefix}. */
    public static double threadSeconds(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return nanos / 1e9;
    }
}
