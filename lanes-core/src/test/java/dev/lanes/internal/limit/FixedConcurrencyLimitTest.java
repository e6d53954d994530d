package dev.lanes.internal.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FixedConcurrencyLimitTest {

    @Test
    void letsStartWhatIsLeftOfTheLimitAndNeverANegativeNumber() {
        FixedConcurrencyLimit limit = new FixedConcurrencyLimit(3);

        assertThat(limit.available(0, 0)).isEqualTo(3);
        assertThat(limit.available(2, 0)).isEqualTo(1);
        assertThat(limit.available(3, 0)).isZero();
        assertThat(limit.available(5, 0)).as("more out than the limit, e.g. after a lower limit").isZero();
        assertThat(limit.limit()).isEqualTo(3);
    }

    @Test
    void learnsNothingFromEndedBatches() {
        FixedConcurrencyLimit limit = new FixedConcurrencyLimit(3);

        limit.ended(10_000_000_000L, 1, true, 0);

        assertThat(limit.available(0, 1)).isEqualTo(3);
        assertThat(limit.nanosUntilDue(0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new FixedConcurrencyLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
