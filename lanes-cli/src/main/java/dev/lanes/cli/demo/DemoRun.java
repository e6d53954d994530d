package dev.lanes.cli.demo;

import java.util.List;

/**
 * A whole {@code lanes demo} run: what was run, and each strategy's result, in the order they
 * ran. What the table, the JSON and the HTML report are made from. Immutable.
 *
 * @param machine Java, CPUs and heap of the machine
 * @param workload the events, one line (count, keys, work distribution, seed)
 * @param events the event count of each strategy's topic
 * @param totalWorkSeconds the sum of the events' work times: the sequential ideal
 * @param results one per strategy
 * @param slowKey the slow-key run (Kafka's lag against Lanes' backlog), or {@code null} if it did
 *     not run
 */
record DemoRun(String machine, String workload, long events, double totalWorkSeconds, List<DemoResult> results,
               SlowKeyResult slowKey) {

    DemoRun {
        results = List.copyOf(results);
    }

    /** A run without the slow-key run. */
    DemoRun(String machine, String workload, long events, double totalWorkSeconds, List<DemoResult> results) {
        this(machine, workload, events, totalWorkSeconds, results, null);
    }

    /**
     * The wall time of the sequential row over this row's; NaN without a complete sequential row,
     * or for an incomplete row. Without it, the other rows still compare with their ideal.
     */
    double speedUp(DemoResult result) {
        double sequential = results.stream()
                .filter(r -> r.strategy().kind() == DemoStrategy.Kind.SEQUENTIAL && r.complete())
                .mapToDouble(DemoResult::wallSeconds).findFirst().orElse(Double.NaN);
        return result.complete() ? sequential / result.wallSeconds() : Double.NaN;
    }
}
