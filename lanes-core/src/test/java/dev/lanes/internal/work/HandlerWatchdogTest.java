package dev.lanes.internal.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.HandlerTimeoutException;
import dev.lanes.Ordering;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.partition.LaneStrategy;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.poll.TestPartitions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The handler timeout, and the isolation of one record from the next. Workers are real threads
 * (an interrupt needs one); the watchdog is checked by hand at a chosen time, so no test waits
 * for a timeout to pass.
 */
class HandlerWatchdogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final RecordDecoder<String, String> STRINGS =
            new RecordDecoder<>(new StringDeserializer(), new StringDeserializer());

    private final EngineStats stats = new EngineStats();
    private final HandlerWatchdog watchdog = HandlerWatchdog.manual(TIMEOUT, stats);
    private final Inbox inbox = new Inbox();
    private final PartitionState partition = TestPartitions.partition(0);
    private final CountDownLatch started = new CountDownLatch(1);

    private List<WorkItem<?, ?>> items(int count) {
        List<WorkItem<?, ?>> items = new ArrayList<>();
        for (int offset = 0; offset < count; offset++) {
            items.add(new WorkItem<>(new ConsumerRecord<>("t", 0, offset, bytes("k"), bytes("v" + offset)),
                    partition, LaneStrategy.of(Ordering.UNORDERED, false).laneFor(partition, null), offset, 1, 0));
        }
        return items;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Thread runOnItsOwnThread(Batch batch) {
        watchdog.watch(batch);
        Thread worker = new Thread(batch, "test-worker");
        worker.start();
        return worker;
    }

    /** Every hand-back so far; a batch must come back exactly once. */
    private List<Completion> handedBack() {
        List<Completion> back = new ArrayList<>();
        for (Completion completion = inbox.poll(); completion != null; completion = inbox.poll()) {
            back.add(completion);
        }
        return back;
    }

    @Test
    void aBlockingRecordPastTheTimeoutFailsIsInterruptedAndItsBatchComesBackOnce() throws Exception {
        List<String> interruptedAfter = new ArrayList<>();
        Batch batch = BatchFactory.<String, String>blocking(record -> {
            if (record.offset() == 1) {
                started.countDown();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    interruptedAfter.add("record 1");
                }
            }
        }, STRINGS).create(items(3), inbox);
        Thread worker = runOnItsOwnThread(batch);
        started.await();

        long now = System.nanoTime();
        assertThat(watchdog.check(now)).as("not yet due").isZero();
        assertThat(watchdog.check(now + TIMEOUT.toNanos())).isEqualTo(1);
        worker.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(handedBack()).containsExactly(batch);
        assertThat(batch.outcome(0)).isEqualTo(Batch.ENDED);
        assertThat(batch.outcome(1)).isEqualTo(Batch.FAILED);
        assertThat(batch.outcome(2)).as("not started after the timeout").isEqualTo(Batch.NOT_STARTED);
        assertThat(batch.firstError()).isInstanceOf(HandlerTimeoutException.class).hasMessageContaining("t-0@1");
        assertThat(interruptedAfter).containsExactly("record 1");
        assertThat(worker.isInterrupted()).as("the interrupt does not outlive the record").isFalse();
        assertThat(stats.handlerTimeouts.sum()).isEqualTo(1);
        assertThat(stats.stuckWorkers.sum()).as("the thread came back").isZero();
    }

    @Test
    void aTimedOutAttemptIsTimedUntilItWasTakenBackAndItsLateReturnChangesNothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Batch batch = BatchFactory.<String, String>blocking(record -> {
            started.countDown();
            release.await(); // interrupted by the timeout
        }, STRINGS).create(items(1), inbox);
        batch.timeRecords(); // as the dispatcher does while a listener is added
        long before = System.nanoTime();
        Thread worker = runOnItsOwnThread(batch);
        started.await();
        long now = System.nanoTime();
        watchdog.check(now);
        watchdog.check(now + TIMEOUT.toNanos());
        WorkItem<?, ?> item = batch.items().get(0);
        long takenBack = now + TIMEOUT.toNanos();

        long measured = item.handlerNanos(takenBack);
        worker.join(TimeUnit.SECONDS.toMillis(10)); // its thread comes back, late

        assertThat(measured).isBetween(TIMEOUT.toNanos(), takenBack - before);
        assertThat(item.handlerNanos(takenBack)).as("the late return wrote no end").isEqualTo(measured);
    }

    @Test
    void aThreadThatIgnoresTheInterruptIsCountedAsStuckUntilItReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Batch batch = BatchFactory.<String, String>blocking(record -> {
            started.countDown();
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException ignored) {
                    // a handler that swallows interrupts
                }
            }
        }, STRINGS).create(items(1), inbox);
        Thread worker = runOnItsOwnThread(batch);
        started.await();

        long now = System.nanoTime();
        watchdog.check(now); // the watchdog sees the record running, and times it from here
        watchdog.check(now + TIMEOUT.toNanos());

        assertThat(handedBack()).as("the slot is free although the thread is not").containsExactly(batch);
        assertThat(stats.stuckWorkers.sum()).isEqualTo(1);
        release.countDown();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(stats.stuckWorkers.sum()).isZero();
        assertThat(handedBack()).as("its late return hands nothing back").isEmpty();
        assertThat(batch.outcome(0)).isEqualTo(Batch.FAILED);
    }

    @Test
    void anAsyncStageNotCompleteByTheTimeoutFailsAndItsLateCompletionIsIgnored() {
        CompletableFuture<Void> never = new CompletableFuture<>();
        Batch batch = BatchFactory.<String, String>async(record -> never, STRINGS).create(items(1), inbox);
        watchdog.watch(batch);
        batch.run();

        long now = System.nanoTime();
        watchdog.check(now);
        assertThat(watchdog.check(now + TIMEOUT.toNanos() - 1)).as("not quite due").isZero();
        watchdog.check(now + TIMEOUT.toNanos());
        never.complete(null);

        assertThat(handedBack()).containsExactly(batch);
        assertThat(batch.outcome(0)).isEqualTo(Batch.FAILED);
        assertThat(batch.firstError()).isInstanceOf(HandlerTimeoutException.class);
        assertThat(stats.stuckWorkers.sum()).as("no thread is held by an async record").isZero();
    }

    @Test
    void aRecordThatEndedIsNeverTimedOut() {
        Batch batch = BatchFactory.<String, String>blocking(record -> { }, STRINGS).create(items(2), inbox);
        watchdog.watch(batch);
        batch.run();

        assertThat(watchdog.check(System.nanoTime())).isZero();
        assertThat(watchdog.check(System.nanoTime() + 10 * TIMEOUT.toNanos())).isZero();
        assertThat(handedBack()).containsExactly(batch);
        assertThat(batch.outcome(1)).isEqualTo(Batch.ENDED);
    }

    @Test
    void aHandlerThatInterruptsItsOwnThreadDoesNotFailTheNextRecord() {
        Batch batch = BatchFactory.<String, String>blocking(record -> {
            if (record.offset() == 0) {
                Thread.currentThread().interrupt();
            } else {
                try {
                    Thread.sleep(1); // throws at once if the flag carried over
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted by the previous record", e);
                }
            }
        }, STRINGS).create(items(2), inbox);

        batch.run();

        assertThat(batch.outcome(1)).isEqualTo(Batch.ENDED);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anErrorThrownByTheHandlerIsAFailedAttempt() {
        Batch batch = BatchFactory.<String, String>blocking(record -> {
            throw new StackOverflowError("deep");
        }, STRINGS).create(items(2), inbox);

        batch.run();

        assertThat(handedBack()).containsExactly(batch);
        assertThat(batch.outcome(0)).isEqualTo(Batch.FAILED);
        assertThat(batch.firstError()).isInstanceOf(StackOverflowError.class);
        assertThat(batch.outcome(1)).isEqualTo(Batch.NOT_STARTED);
    }
}
