package dev.lanes.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link DemoProbe}: the gate, the count check and the work of the sample. */
class DemoProbeTest {

    private static byte[] work(long micros) {
        return ByteBuffer.allocate(Long.BYTES).putLong(micros).array();
    }

    @Test
    void handlersWaitAtTheGateUntilItOpens() throws Exception {
        DemoProbe probe = new DemoProbe(new long[] {10}, 1);
        Thread handler = new Thread(() -> {
            try {
                probe.handle(0, 0, work(0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        handler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.getState() == Thread.State.WAITING);

        assertThat(probe.distinct()).isZero();
        assertThat(probe.invocations()).isZero();
        assertThat(probe.openedNanos()).isZero();

        probe.open();
        handler.join(10_000);

        assertThat(probe.distinct()).isEqualTo(1);
        assertThat(probe.await(0)).isTrue();
        assertThat(probe.doneNanos()).isGreaterThanOrEqualTo(probe.openedNanos()).isPositive();
    }

    @Test
    void aRecordHandledTwiceCountsOnceAndOnlyTheSamplesWorkIsSummed() throws Exception {
        DemoProbe probe = new DemoProbe(new long[] {10, 10}, 2);
        probe.open();

        probe.handle(0, 0, work(3));
        probe.handle(0, 0, work(3)); // a replay
        assertThat(probe.await(0)).isFalse();
        probe.handle(1, 5, work(4));
        probe.handle(1, 6, work(100)); // past the sample of 2

        assertThat(probe.await(0)).isTrue();
        assertThat(probe.invocations()).isEqualTo(4);
        assertThat(probe.distinct()).isEqualTo(3);
        assertThat(probe.neededWorkMicros()).isEqualTo(7);
        assertThat(probe.peakInFlight()).isEqualTo(1);
        assertThat(probe.inFlight()).isZero();
    }

    @Test
    void theTimelineHasAtLeastTheFinalState() throws Exception {
        DemoProbe probe = new DemoProbe(new long[] {10}, 1);
        probe.open();
        probe.startSampling(probe.openedNanos());
        probe.handle(0, 3, work(0));

        var timeline = probe.stopSampling();

        assertThat(timeline).isNotEmpty();
        assertThat(timeline.get(timeline.size() - 1).processed()).isEqualTo(1);
        assertThat(probe.stopSampling()).as("stopping twice is harmless").isEqualTo(timeline);
    }
}
