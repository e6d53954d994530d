package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndedRunsTest {

    @Test
    void touchingOffsetsBecomeOneRun() {
        EndedRuns runs = EndedRuns.ofAscending(new long[] {3, 4, 5, 9, 11, 12});

        assertThat(runs.runCount()).isEqualTo(3);
        assertThat(runs.count()).isEqualTo(6);
        assertThat(runs.lowest()).isEqualTo(3);
        assertThat(runs.highest()).isEqualTo(12);
        assertThat(runs.contains(5)).isTrue();
        assertThat(runs.contains(6)).isFalse();
        assertThat(runs.contains(10)).isFalse();
        assertThat(runs.contains(11)).isTrue();
    }

    @Test
    void aboveCutsARunInTwoWhereItMust() {
        EndedRuns runs = EndedRuns.ofAscending(new long[] {3, 4, 5, 9});

        EndedRuns above = runs.above(4);

        assertThat(above.count()).isEqualTo(2);
        assertThat(above.lowest()).isEqualTo(5);
        assertThat(above.contains(4)).isFalse();
        assertThat(runs.above(2)).isSameAs(runs);
        assertThat(runs.above(9).isEmpty()).isTrue();
    }

    @Test
    void followedByJoinsAHigherSetAndMergesTouchingRuns() {
        EndedRuns own = EndedRuns.ofAscending(new long[] {1, 2});
        EndedRuns carried = EndedRuns.ofAscending(new long[] {3, 7});

        EndedRuns all = own.followedBy(carried);

        assertThat(all.count()).isEqualTo(4);
        assertThat(all.runCount()).as("1..3 touch").isEqualTo(2);
        assertThat(own.followedBy(EndedRuns.NONE)).isSameAs(own);
        assertThat(EndedRuns.NONE.followedBy(carried)).isSameAs(carried);
        assertThatThrownBy(() -> carried.followedBy(own)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> EndedRuns.ofAscending(new long[] {5, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increase strictly");
        assertThatThrownBy(() -> EndedRuns.ofAscending(new long[] {Long.MAX_VALUE}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
