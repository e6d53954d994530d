package dev.lanes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchSizerTest {

    @Test
    void handsOverOneRecordAtATimeUntilItKnowsHowFastTheHandlerIs() {
        assertThat(new BatchSizer(256).batchSize(10_000, 10)).isEqualTo(1);
    }

    @Test
    void batchesFastHandlersUpToTheCap() {
        BatchSizer sizer = new BatchSizer(256);
        sizer.recordBatch(10_000, 100); // 100 ns per record
        assertThat(sizer.batchSize(100_000, 1)).isEqualTo(256);
    }

    @Test
    void spreadsQueuedRecordsOverTheFreeSlots() {
        BatchSizer sizer = new BatchSizer(256);
        sizer.recordBatch(10_000, 100);
        assertThat(sizer.batchSize(1_000, 100)).isEqualTo(10);
        assertThat(sizer.batchSize(5, 100)).isEqualTo(1);
    }

    @Test
    void slowHandlersGetOneRecordPerHandOff() {
        BatchSizer sizer = new BatchSizer(256);
        sizer.recordBatch(10_000_000, 1); // 10 ms
        assertThat(sizer.batchSize(100_000, 1)).isEqualTo(1);
    }

    @Test
    void aMaximumOfOneDisablesBatching() {
        BatchSizer sizer = new BatchSizer(1);
        sizer.recordBatch(100, 100);
        assertThat(sizer.batchSize(100_000, 1)).isEqualTo(1);
    }
}
