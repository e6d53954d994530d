package dev.lanes.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchSizerTest {

    @Test
    void handsOverOneRecordAtATimeUntilItKnowsHowFastTheHandlerIs() {
        assertThat(new BatchSizer(256, 64).batchSize(10_000, 10)).isEqualTo(1);
    }

    @Test
    void batchesFastHandlersUpToTheCap() {
        BatchSizer sizer = new BatchSizer(256, 64);
        sizer.recordBatch(10_000, 100); // 100 ns per record
        assertThat(sizer.batchSize(100_000, 1)).isEqualTo(256);
    }

    @Test
    void spreadsQueuedRecordsOverTheFreeSlots() {
        BatchSizer sizer = new BatchSizer(256, 64);
        sizer.recordBatch(10_000, 100);
        assertThat(sizer.batchSize(1_000, 50)).isEqualTo(20);
        assertThat(sizer.batchSize(5, 50)).isEqualTo(1);
    }

    @Test
    void spreadsNoThinnerThanTheProcessorsCanRun() {
        BatchSizer sizer = new BatchSizer(256, 2);
        sizer.recordBatch(10_000, 100);
        assertThat(sizer.batchSize(500, 64)).isEqualTo(250);
    }

    @Test
    void slowHandlersGetOneRecordPerHandOff() {
        BatchSizer sizer = new BatchSizer(256, 64);
        sizer.recordBatch(10_000_000, 1); // 10 ms
        assertThat(sizer.batchSize(100_000, 1)).isEqualTo(1);
    }

    @Test
    void aMaximumOfOneDisablesBatching() {
        BatchSizer sizer = new BatchSizer(1, 64);
        sizer.recordBatch(100, 100);
        assertThat(sizer.batchSize(100_000, 1)).isEqualTo(1);
    }

    @Test
    void aHandlerIsSlowUntilMeasuredFastAndAgainOnceItsMeanPassesTheTarget() {
        BatchSizer sizer = new BatchSizer(256, 2);
        assertThat(sizer.handlerMayBeSlow()).as("not measured yet").isTrue();

        sizer.recordBatch(50_000, 1); // 50 µs
        assertThat(sizer.handlerMayBeSlow()).isFalse();

        sizer.recordBatch(1_000_000, 1); // 1 ms: the smoothed mean becomes 240 µs
        assertThat(sizer.handlerMayBeSlow()).isTrue();
    }
}
