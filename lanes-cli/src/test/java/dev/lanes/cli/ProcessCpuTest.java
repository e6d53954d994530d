package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void aStatLinesCpuIsUserPlusSystemTicksCountedAfterTheCommandName() {
        // A thread named "C2 (x) y": spaces and parentheses in the name must not shift the fields.
        String stat = "4242 (C2 (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 37 5 0 0 20 0 30 0 512";

        assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(42);
    }

    @Test
    void noProcessHasNoSeconds() {
        assertThat(ProcessCpu.secondsSince(-1, 0)).isNaN();
        assertThat(ProcessCpu.secondsSince(ProcessHandle.current().pid(), 0)).isPositive();
    }
}
