package dev.lanes.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each {@code lanes bench} case reads, and the ideal rate of the sleep cases. */
class BenchWorkloadTest {

    private final BenchWorkload workload = new BenchWorkload(2_000_000, 10_000, 12, 100, 200_000, 6_000, 10,
            1000, Duration.ofMinutes(5), Map.of(), null, null);

    @Test
    void sleepCasesReadFewerRecords() {
        assertThat(workload.needed(BenchCase.PLAIN)).isEqualTo(2_000_000);
        assertThat(workload.needed(BenchCase.NOOP_KEY)).isEqualTo(2_000_000);
        assertThat(workload.needed(BenchCase.SLEEP_KEY)).isEqualTo(200_000);
        assertThat(workload.needed(BenchCase.SLEEP_PARTITION)).isEqualTo(6_000);
    }

    @Test
    void idealIsTheLanesOrTheConcurrencyOverTheSleep() {
        assertThat(workload.ideal(BenchCase.NOOP_UNORDERED)).isZero();
        assertThat(workload.ideal(BenchCase.SLEEP_UNORDERED)).isEqualTo(100_000);
        assertThat(workload.ideal(BenchCase.SLEEP_KEY)).isEqualTo(100_000);
        assertThat(workload.ideal(BenchCase.SLEEP_PARTITION)).isEqualTo(1_200);
    }

    @Test
    void caseNamesRoundTrip() {
        for (BenchCase benchCase : BenchCase.values()) {
            assertThat(BenchCase.named(benchCase.caseName())).contains(benchCase);
        }
        assertThat(BenchCase.named("noop")).isEmpty();
    }
}
