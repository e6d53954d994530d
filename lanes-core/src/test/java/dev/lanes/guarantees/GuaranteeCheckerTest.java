package dev.lanes.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.Ordering;
import dev.lanes.guarantees.Invocation.RecordId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker must be able to fail: each guarantee broken on purpose. */
class GuaranteeCheckerTest {

    private static Invocation call(int partition, long offset, String key, long start, long end, boolean ok) {
        return new Invocation("a", partition, offset, key, 1, start, end, ok);
    }

    @Test
    void aRecordNeverHandledWellIsMissing() {
        List<Invocation> journal = List.of(call(0, 0, "k", 0, 1, true), call(0, 1, "k", 2, 3, false));
        assertThatThrownBy(() -> GuaranteeChecker.assertAtLeastOnce(journal,
                Set.of(new RecordId(0, 0), new RecordId(0, 1))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("never handled");
    }

    @Test
    void aRecordStartingBeforeAnEarlierOneOfItsKeyEndedBreaksKeyOrder() {
        List<Invocation> journal = List.of(call(0, 0, "k", 0, 10, true), call(0, 1, "k", 5, 12, true));
        assertThatThrownBy(() -> GuaranteeChecker.assertLaneOrder(journal, Ordering.KEY))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aLaterRecordRunningBeforeAnEarlierOneBreaksPartitionOrderEvenWithoutOverlap() {
        List<Invocation> journal = List.of(call(0, 1, "a", 0, 1, true), call(0, 0, "b", 2, 3, true));
        assertThatThrownBy(() -> GuaranteeChecker.assertLaneOrder(journal, Ordering.PARTITION))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void differentKeysMayOverlapAndAReplayAfterwardsIsFine() {
        List<Invocation> journal = List.of(
                call(0, 0, "a", 0, 10, true),
                call(0, 1, "b", 5, 12, true),
                call(0, 2, "a", 11, 13, true),
                call(0, 0, "a", 20, 21, true)); // replayed by a new owner
        assertThatCode(() -> GuaranteeChecker.assertLaneOrder(journal, Ordering.KEY)).doesNotThrowAnyException();
        assertThat(GuaranteeChecker.handledTwice(journal)).containsExactly(new RecordId(0, 0));
    }

    @Test
    void aRetryMustEndBeforeTheNextRecordOfItsLaneStarts() {
        List<Invocation> journal = List.of(
                call(0, 0, "a", 0, 1, false),
                call(0, 1, "a", 2, 3, true),
                call(0, 0, "a", 4, 5, true));
        assertThatThrownBy(() -> GuaranteeChecker.assertLaneOrder(journal, Ordering.KEY))
                .isInstanceOf(AssertionError.class);
    }
}
