package dev.lanes.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesHealth.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The states of {@code health()} and which wins when several hold; a clock that moves only when told. */
class HealthBoardTest {
    private static final long SECOND = 1_000_000_000L;
    private long now = 5_000 * SECOND;
    private final HealthBoard board = new HealthBoard(Duration.ofSeconds(30), Duration.ofMinutes(1), 5, () -> now,
            Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC));

    private State state() {
        return board.read(false, false).state();
    }

    @Test
    void startingUntilTheFirstAssignmentThenRunning() {
        assertThat(state()).isEqualTo(State.STARTING);
        now += 10 * 60 * SECOND; // a long join is no stall
        assertThat(state()).isEqualTo(State.STARTING);
        board.rebalanceStarted(); // the eager protocol revokes nothing before the first join
        assertThat(board.read(false, false).rebalances()).isZero();

        board.assigned();
        board.progressAt(now);
        assertThat(state()).isEqualTo(State.RUNNING);
    }

    @Test
    void rebalancingFromARevocationUntilTheNextAssignmentAndCounted() {
        board.assigned();
        board.rebalanceStarted();
        assertThat(state()).isEqualTo(State.REBALANCING);
        board.rebalanceStarted(); // a loss in the same rebalance
        board.assigned();
        assertThat(board.read(false, false).state()).isEqualTo(State.RUNNING);
        assertThat(board.read(false, false).rebalances()).isEqualTo(1);
    }

    @Test
    void stalledOnceNoProgressForStalledAfter() {
        board.assigned();
        board.progressAt(now);
        now += 60 * SECOND - 1;
        assertThat(state()).isEqualTo(State.RUNNING);
        now += 1;
        assertThat(state()).isEqualTo(State.STALLED);
        board.progressAt(now);
        assertThat(state()).isEqualTo(State.RUNNING);
    }

    @Test
    void precedenceFailedClosedStartingRebalancingStalledBackpressuredRunning() {
        board.backpressured(true);
        board.rebalanceStarted();
        now += 2 * 60 * SECOND;
        assertThat(board.read(true, true).state()).isEqualTo(State.FAILED);
        assertThat(board.read(false, true).state()).isEqualTo(State.CLOSED);
        assertThat(state()).isEqualTo(State.STARTING);

        board.assigned();
        board.rebalanceStarted();
        assertThat(state()).isEqualTo(State.REBALANCING);
        board.assigned();
        assertThat(state()).isEqualTo(State.STALLED);
        board.progressAt(now);
        assertThat(state()).isEqualTo(State.BACKPRESSURED);
        board.backpressured(false);
        assertThat(state()).isEqualTo(State.RUNNING);
    }

    @Test
    void beforeAnySampleTheFiguresAreEmpty() {
        assertThat(board.read(false, false).oldestInFlight()).isEmpty();
        assertThat(board.read(false, false).sampledAt()).isEqualTo(Instant.parse("2026-12-02T08:00:00Z"));
    }
}
