package dev.lanes.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchSizerTest {

    @Test
    void handsOverOneRecordAtATimeUntilItKnowsHowFastTheHandlerIs() {
        assertThat(new BatchSizer(256, 64).batchSize(10_000, 10, 64)).isEqualTo(1);
    }

    @Test
    void batchesFastHandlersUpToTheCap() {
        BatchSizer sizer = new BatchSizer(256, 64);
        sizer.recordBatch(10_000, 100); // 100 ns per record
        assertThat(sizer.batchSize(100_000, 1, 64)).isEqualTo(256);
    }

    @Test
    void spreadsQueuedRecordsOverTheFreeSlots() {
        BatchSizer sizer = new BatchSizer(256, 64);
        sizer.recordBatch(10_000, 100);
        assertThat(sizer.batchSize(1_000, 50, 64)).isEqualTo(20);
        assertThat(sizer.batchSize(5, 50, 64)).isEqualTo(1);
    }

    @Test
    void spreadsNoThinnerThanTheProcessorsCanRun() {
        BatchSizer sizer = new BatchSizer(256, 2);
        sizer.recordBatch(10_000, 100);
        assertThat(sizer.batchSize(500, 64, 64)).isEqualTo(250);
    }

    @Test
    void slowHandlersGetOneRecordPerHandOffWhileEverySlotCanHaveOne() {
        BatchSizer sizer = new BatchSizer(256, 64);
        sizer.recordBatch(10_000_000, 1); // 10 ms
        assertThat(sizer.batchSize(1_000, 1, 1_000)).isEqualTo(1);
        assertThat(sizer.batchSize(1_999, 1, 1_000)).isEqualTo(1);
    }

    @Test
    void aSlowHandlersBacklogDeeperThanTheSlotsIsSharedOutUpTo100MsABatch() {
        BatchSizer sizer = new BatchSizer(256, 64);
        sizer.recordBatch(10_000_000, 1); // 10 ms
        assertThat(sizer.batchSize(9_000, 1, 1_000)).as("each slot's share").isEqualTo(9);
        assertThat(sizer.batchSize(9_000, 1, 64)).as("100 ms of 10 ms records").isEqualTo(10);
        assertThat(new BatchSizer(4, 64)).satisfies(capped -> {
            capped.recordBatch(10_000_000, 1);
            assertThat(capped.batchSize(9_000, 1, 64)).as("maxBatchSize").isEqualTo(4);
        });
        sizer.recordBatch(1_000_000_000L, 1); // about 200 ms now
        assertThat(sizer.batchSize(9_000, 1, 64)).as("a record over 100 ms goes alone").isEqualTo(1);
    }

    @Test
    void aMaximumOfOneDisablesBatching() {
        BatchSizer sizer = new BatchSizer(1, 64);
        sizer.recordBatch(100, 100);
        assertThat(sizer.batchSize(100_000, 1, 64)).isEqualTo(1);
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
