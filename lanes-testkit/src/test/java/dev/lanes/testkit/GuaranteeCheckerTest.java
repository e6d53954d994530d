package dev.lanes.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker must be able to fail: each guarantee broken on purpose. */
class GuaranteeCheckerTest {

    private static Invocation call(int partition, long offset, String key, long start, long end, boolean ok) {
        return call(partition, offset, key, 1, start, end, ok ? Outcome.OK : Outcome.ERROR);
    }

    private static Invocation call(int partition, long offset, String key, int attempt, long start, long end,
                                   Outcome outcome) {
        return new Invocation("t", partition, offset, key, attempt, start, end, outcome, "a");
    }

    private static RecordId id(int partition, long offset) {
        return new RecordId("t", partition, offset);
    }

    @Test
    void aRecordNeverHandledWellIsMissing() {
        List<Invocation> journal = List.of(call(0, 0, "k", 0, 1, true), call(0, 1, "k", 2, 3, false));
        assertThatThrownBy(() -> GuaranteeChecker.of(journal).assertAtLeastOnce(Set.of(id(0, 0), id(0, 1))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("never handled")
                .hasMessageContaining("t-0@1");
    }

    @Test
    void aRecordEndedByItsFailurePolicyIsNotMissing() {
        List<Invocation> journal = List.of(call(0, 0, "k", 1, 0, 1, Outcome.DEAD_LETTER),
                call(0, 1, "k", 0, 2, 3, Outcome.SKIPPED));
        assertThatCode(() -> GuaranteeChecker.of(journal).assertAtLeastOnce(Set.of(id(0, 0), id(0, 1))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> GuaranteeChecker.of(journal).assertAtLeastOnce(Set.of(new RecordId("u", 0, 0))))
                .as("the topic is part of a record's id").isInstanceOf(AssertionError.class);
    }

    @Test
    void aRecordStartingBeforeAnEarlierOneOfItsKeyEndedBreaksKeyOrder() {
        List<Invocation> journal = List.of(call(0, 0, "k", 0, 10, true), call(0, 1, "k", 5, 12, true));
        assertThatThrownBy(() -> GuaranteeChecker.of(journal).assertLaneOrder(LaneOrder.KEY))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aLaterRecordRunningBeforeAnEarlierOneBreaksPartitionOrderEvenWithoutOverlap() {
        List<Invocation> journal = List.of(call(0, 1, "a", 0, 1, true), call(0, 0, "b", 2, 3, true));
        assertThatThrownBy(() -> GuaranteeChecker.of(journal).assertLaneOrder(LaneOrder.PARTITION))
                .isInstanceOf(AssertionError.class).hasMessageContaining("started before an earlier record");
        assertThatCode(() -> GuaranteeChecker.of(journal).assertLaneOrder(LaneOrder.KEY))
                .as("different keys are different lanes").doesNotThrowAnyException();
        assertThatCode(() -> GuaranteeChecker.of(journal).assertLaneOrder(LaneOrder.UNORDERED))
                .doesNotThrowAnyException();
    }

    @Test
    void twoAttemptsOfOneRecordOverlapping() {
        List<Invocation> journal = List.of(call(0, 0, "a", 1, 0, 10, Outcome.ERROR),
                call(0, 0, "a", 2, 5, 12, Outcome.OK));
        assertThatThrownBy(() -> GuaranteeChecker.of(journal).assertLaneOrder(LaneOrder.KEY))
                .isInstanceOf(AssertionError.class).hasMessageContaining("overlaps");
    }

    @Test
    void differentKeysMayOverlapAndAReplayAfterwardsIsFine() {
        List<Invocation> journal = List.of(
                call(0, 0, "a", 0, 10, true),
                call(0, 1, "b", 5, 12, true),
                call(0, 2, "a", 11, 13, true),
                call(0, 0, "a", 20, 21, true)); // replayed by a new owner
        assertThatCode(() -> GuaranteeChecker.of(journal).assertLaneOrder(LaneOrder.KEY)).doesNotThrowAnyException();
        assertThat(GuaranteeChecker.of(journal).endedMoreThanOnce()).containsExactly(id(0, 0));
        assertThatCode(() -> GuaranteeChecker.of(journal).assertReplayedOnly(Set.of(id(0, 0))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> GuaranteeChecker.of(journal).assertNothingReplayed())
                .isInstanceOf(AssertionError.class).hasMessageContaining("t-0@0");
        assertThatThrownBy(() -> GuaranteeChecker.of(journal).assertLanesSequential(LaneOrder.KEY))
                .as("a replay is not sequential").isInstanceOf(AssertionError.class);
    }

    @Test
    void aRetryMustEndBeforeTheNextRecordOfItsLaneStarts() {
        List<Invocation> journal = List.of(
                call(0, 0, "a", 0, 1, false),
                call(0, 1, "a", 2, 3, true),
                call(0, 0, "a", 4, 5, true));
        assertThatThrownBy(() -> GuaranteeChecker.of(journal).assertLaneOrder(LaneOrder.KEY))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void sequentialLanesRunTheirAttemptsInOrder() {
        List<Invocation> inOrder = List.of(
                call(0, 0, "a", 1, 0, 1, Outcome.ERROR),
                call(0, 0, "a", 2, 2, 3, Outcome.OK),
                call(0, 1, "a", 1, 4, 5, Outcome.OK));
        assertThatCode(() -> GuaranteeChecker.of(inOrder).assertLanesSequential(LaneOrder.KEY))
                .doesNotThrowAnyException();
        // Attempt 2 ran before attempt 1: lane order holds, the sequence does not.
        List<Invocation> swapped = List.of(
                call(0, 0, "a", 2, 0, 1, Outcome.ERROR),
                call(0, 0, "a", 1, 2, 3, Outcome.OK),
                call(0, 1, "a", 1, 4, 5, Outcome.OK));
        assertThatCode(() -> GuaranteeChecker.of(swapped).assertLaneOrder(LaneOrder.KEY))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> GuaranteeChecker.of(swapped).assertLanesSequential(LaneOrder.KEY))
                .isInstanceOf(AssertionError.class).hasMessageContaining("started before");
    }

    @Test
    void anInvocationLineReadsBack() {
        Invocation invocation = call(3, 42, "key-7", 2, 10, 20, Outcome.DEAD_LETTER);
        Invocation noKey = call(3, 43, null, 1, 10, 20, Outcome.OK);
        assertThat(invocation.toLine()).endsWith("\n");
        assertThat(Invocation.parse(invocation.toLine())).isEqualTo(invocation);
        assertThat(Invocation.parse(noKey.toLine().strip())).isEqualTo(noKey);
        assertThatThrownBy(() -> Invocation.parse("t\t3\t42")).isInstanceOf(IllegalArgumentException.class);
    }
}
