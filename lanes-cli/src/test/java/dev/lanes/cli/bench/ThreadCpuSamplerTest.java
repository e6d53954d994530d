package dev.lanes.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.cli.bench.ThreadCpuSampler.Kind;
import org.junit.jupiter.api.Test;

class ThreadCpuSamplerTest {

    @Test
    void threadsAreSortedByTheirNamesAsLinuxKeepsThem() {
        assertThat(Kind.of("lanes-poller-no")).isEqualTo(Kind.POLLER);
        assertThat(Kind.of("lanes-worker-12")).isEqualTo(Kind.WORKERS);
        assertThat(Kind.of("ForkJoinPool-1-")).as("a virtual threads' carrier").isEqualTo(Kind.WORKERS);
        assertThat(Kind.of("consumer_backgr")).as("the consumer's network thread").isEqualTo(Kind.KAFKA);
        assertThat(Kind.of("kafka-producer-")).isEqualTo(Kind.KAFKA);
        assertThat(Kind.of("GC Thread#0")).isEqualTo(Kind.GC);
        assertThat(Kind.of("G1 Conc#0")).isEqualTo(Kind.GC);
        assertThat(Kind.of("C2 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(Kind.of("C1 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(Kind.of("main")).isEqualTo(Kind.OTHER);
        assertThat(Kind.of("java")).isEqualTo(Kind.OTHER);
    }

    @Test
    void everyKindIsReportedFromTheReset() {
        ThreadCpuSampler sampler = new ThreadCpuSampler();
        sampler.reset();

        assertThat(sampler.secondsByKind()).containsOnlyKeys(Kind.values())
                .allSatisfy((kind, seconds) -> assertThat(seconds).isGreaterThanOrEqualTo(0.0));
    }
}
