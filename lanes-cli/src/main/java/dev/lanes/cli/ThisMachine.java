package dev.lanes.cli;

import java.util.Locale;

/** What a measurement ran on, for the reports of bench and demo. Stateless. */
public final class ThisMachine {

    private ThisMachine() {
    }

    /** {@code java 25.0.3 (OpenJDK 64-Bit Server VM), 2 CPUs, max heap 6028 MiB} */
    public static String describe() {
        return String.format(Locale.ROOT, "java %s (%s), %d CPUs, max heap %d MiB",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    }
}
