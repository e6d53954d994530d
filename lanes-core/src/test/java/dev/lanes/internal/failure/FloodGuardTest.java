package dev.lanes.internal.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloodGuardTest {
    private static final long SECOND = 1_000_000_000L;
    private final FloodGuard guard = new FloodGuard(0.5, 10 * SECOND, 5);

    private void firstAttempts(int failed, int ok, long now) {
        for (int i = 0; i < failed; i++) {
            guard.firstAttempt(true, now);
        }
        for (int i = 0; i < ok; i++) {
            guard.firstAttempt(false, now);
        }
    }

    @Test
    void holdsOnceMostFirstAttemptsFailWithAtLeastTheMinimum() {
        firstAttempts(4, 0, 0);
        assertThat(guard.isHolding()).as("4 failures: below the minimum of 5").isFalse();

        firstAttempts(1, 0, SECOND);

        assertThat(guard.isHolding()).isTrue();
        assertThat(guard.trips()).isEqualTo(1);
    }

    @Test
    void aFewPoisonRecordsAmongManyGoodOnesNeverTripIt() {
        for (int second = 0; second < 100; second++) {
            firstAttempts(1, 20, second * SECOND);
        }

        assertThat(guard.isHolding()).isFalse();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        firstAttempts(4, 0, 0);
        firstAttempts(1, 0, 11 * SECOND);

        assertThat(guard.isHolding()).as("the 4 of second 0 left the 10 s window").isFalse();
    }

    @Test
    void keepsHoldingUntilARecordSucceedsThenCountsAfresh() {
        firstAttempts(10, 0, 0);
        assertThat(guard.isHolding()).isTrue();

        guard.firstAttempt(true, 60 * SECOND); // long after the window: still an outage, still holding
        assertThat(guard.isHolding()).isTrue();

        guard.succeeded();
        assertThat(guard.isHolding()).isFalse();
        firstAttempts(4, 0, 61 * SECOND);
        assertThat(guard.isHolding()).as("the old failures were forgotten").isFalse();
    }

    @Test
    void aThresholdOfZeroTurnsItOff() {
        FloodGuard off = new FloodGuard(0, 10 * SECOND, 1);
        for (int i = 0; i < 100; i++) {
            off.firstAttempt(true, 0);
        }

        assertThat(off.isHolding()).isFalse();
    }
}
