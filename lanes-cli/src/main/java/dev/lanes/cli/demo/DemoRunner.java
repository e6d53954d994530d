package dev.lanes.cli.demo;

import dev.lanes.cli.KafkaClients;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs one strategy of {@code lanes demo} and measures it: creates its topic, starts its
 * consumers, waits until their group has settled, produces the events, opens the probe's gate
 * (the clock starts), waits until every record was processed (or the sample, for the sequential
 * row), stops the consumers, and deletes the topic and the group (on a user's cluster, a run
 * leaves nothing behind). Runs on the command's thread.
 */
final class DemoRunner {

    private static final long WAIT_STEP_MILLIS = 50;

    private final KafkaClients clients;
    private final DemoTopics topics;
    private final DemoEvents events;
    private final DemoProgress progress;
    private final Duration timeout;
    private final long sequentialSample;
    private final String runId;

    /**
     * @param sequentialSample records the sequential row processes before it is extrapolated
     * @param runId makes this run's topic and group names unique
     */
    DemoRunner(KafkaClients clients, DemoTopics topics, DemoEvents events, DemoProgress progress, Duration timeout,
               long sequentialSample, String runId) {
        this.clients = clients;
        this.topics = topics;
        this.events = events;
        this.progress = progress;
        this.timeout = timeout;
        this.sequentialSample = sequentialSample;
        this.runId = runId;
    }

    /** What one row observed, before it is turned into a {@link DemoResult}. */
    private record Observed(boolean done, long[] partitionWorkMicros, List<DemoResult.Sample> timeline,
                            Throwable failure, double settledSeconds) {
    }

    /**
     * @param row the strategy's place, e.g. {@code [3/10]}, for the progress lines
     * @throws CliException if the row could not run (its topic, its group or the producer failed)
     */
    DemoResult run(DemoStrategy strategy, String row) throws InterruptedException {
        String name = "lanes-demo-" + runId + "-" + strategy.name();
        String title = row + " " + DemoCharts.caption(strategy);
        topics.create(name, strategy.partitions());
        try {
            long needed = strategy.kind() == DemoStrategy.Kind.SEQUENTIAL
                    ? Math.min(sequentialSample, events.count()) : events.count();
            // A new topic: no partition holds more than all the events.
            long[] offsetBounds = new long[strategy.partitions()];
            Arrays.fill(offsetBounds, events.count());
            DemoProbe probe = new DemoProbe(offsetBounds, needed);
            Observed observed = observe(strategy, name, title, probe, needed);
            // After the consumers closed: every handler call has ended, and the probe is final.
            return result(strategy, probe, needed, observed, title);
        } finally {
            topics.delete(name);
        }
    }

    private Observed observe(DemoStrategy strategy, String name, String title, DemoProbe probe, long needed)
            throws InterruptedException {
        try (DemoConsumers consumers = DemoConsumers.of(strategy, clients, name, name, probe)) {
            try {
                consumers.start();
                double settled = DemoGroup.awaitSettled(topics.admin(), name, strategy.consumers(),
                        strategy.partitions(), timeout, consumers::failure);
                long[] partitionWork = topics.produce(name, strategy.partitions());
                probe.open();
                probe.startSampling(probe.openedNanos());
                boolean done = awaitProcessed(probe, needed, title, consumers);
                return new Observed(done, partitionWork, probe.stopSampling(), consumers.failure(), settled);
            } finally {
                probe.stopSampling(); // after a failure: no sampler left running
                probe.open(); // after a failure: handlers held at the gate must end, or close() would wait
            }
        }
    }

    private boolean awaitProcessed(DemoProbe probe, long needed, String title, DemoConsumers consumers)
            throws InterruptedException {
        long start = probe.openedNanos();
        long deadline = start + timeout.toNanos();
        while (!probe.await(WAIT_STEP_MILLIS)) {
            long now = System.nanoTime();
            progress.update(title, probe.distinct(), needed, probe.inFlight(), (now - start) / 1e9);
            if (now - deadline > 0 || consumers.failure() != null) {
                return false;
            }
        }
        return true;
    }

    private DemoResult result(DemoStrategy strategy, DemoProbe probe, long needed, Observed observed, String title) {
        long end = observed.done() ? probe.doneNanos() : System.nanoTime();
        double measured = (end - probe.openedNanos()) / 1e9;
        boolean extrapolated = observed.done() && needed < events.count();
        double wall = extrapolated
                ? measured * events.totalWorkSeconds() / (probe.neededWorkMicros() / 1e6) : measured;
        String note = observed.failure() != null ? "failed: " + observed.failure()
                : observed.done() ? null : String.format(Locale.ROOT, "timed out after %s", timeout);
        DemoResult result = new DemoResult(strategy, needed, probe.distinct(), probe.invocations(), measured, wall,
                events.idealSeconds(strategy, observed.partitionWorkMicros()), extrapolated, probe.peakInFlight(),
                observed.timeline(), note);
        progress.line(String.format(Locale.ROOT, "%s (group settled in %.1f s): %,d records in %.2f s%s, peak in"
                        + " flight %d%s", title, observed.settledSeconds(), Math.min(result.distinct(), needed),
                measured, extrapolated ? String.format(Locale.ROOT, " (all %,d: %.1f s, extrapolated)",
                        events.count(), wall) : "", result.peakInFlight(), note == null ? "" : " " + note));
        return result;
    }
}
