package dev.lanes.cli.demo;

import java.util.List;

/**
 * What the slow-key run of {@code lanes demo} saw ({@link SlowKeyRun}): Kafka's lag, Lanes'
 * honest backlog and the records really not ended, sampled side by side while one key's records
 * were held and the others flowed. Immutable.
 *
 * @param partitions partitions of its topic
 * @param concurrency the Lanes consumer's {@code maxConcurrency} (KEY order)
 * @param events events in its topic
 * @param slowKey the key whose records were held
 * @param slowRecords how many events have that key
 * @param holdSeconds how long they were held, from the start
 * @param samples the samples, in time order
 * @param note {@code null}, or what went wrong (a timeout, an unreadable lag)
 */
record SlowKeyResult(int partitions, int concurrency, long events, String slowKey, long slowRecords,
                     double holdSeconds, List<LagSample> samples, String note) {

    SlowKeyResult {
        samples = List.copyOf(samples);
    }

    /**
     * One sample.
     *
     * @param seconds since the handlers may start
     * @param kafkaLag end offsets minus committed offsets: what Kafka's tools and KEDA's Kafka
     *     scaler see
     * @param backlog Kafka's lag minus the ended offsets the commit metadata names: what is left,
     *     as of the last commit
     * @param notEnded the events the handler had not completed: the truth, counted inside
     */
    record LagSample(double seconds, long kafkaLag, long backlog, long notEnded) {
    }

    /**
     * The sample where Kafka's lag overstates what is left the most, as a ratio: lag over backlog
     * (at least 1). That is the
     * slow key's plateau, where a few records hold back the lag of many finished ones, rather
     * than the drain, where both are large. The moment the report quotes; {@code null} without
     * samples; the earliest of equals.
     */
    LagSample mostOvercounted() {
        LagSample most = null;
        for (LagSample s : samples) {
            if (most == null || ratio(s) > ratio(most)) {
                most = s;
            }
        }
        return most;
    }

    private static double ratio(LagSample s) {
        return (double) s.kafkaLag() / Math.max(1, s.backlog());
    }
}
