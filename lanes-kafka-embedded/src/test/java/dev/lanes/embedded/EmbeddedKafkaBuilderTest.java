package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad settings fail in {@code start()} before anything is launched, naming the setting. */
class EmbeddedKafkaBuilderTest {

    @Test
    void nodeCountOutOfRange() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().nodes(0).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodes must be 1 to 9, was 0");
        assertThatThrownBy(() -> EmbeddedKafka.builder().nodes(10).start())
                .hasMessage("nodes must be 1 to 9, was 10");
    }

    @Test
    void brokerPortOutOfRange() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().brokerPort(-1).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("brokerPort must be 0 (free ports) or 1 to 65535 for 1 node(s), was -1");
        assertThatThrownBy(() -> EmbeddedKafka.builder().nodes(3).brokerPort(65_534).start())
                .hasMessage("brokerPort must be 0 (free ports) or 1 to 65533 for 3 node(s), was 65534");
    }

    @Test
    void startupTimeoutMustBePositive() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().startupTimeout(Duration.ZERO).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startupTimeout must be positive, was PT0S");
    }

    @Test
    void defaultsAreOneNodeOnFreePorts() {
        var settings = EmbeddedKafka.builder().settings();

        assertThat(settings.nodes()).isEqualTo(1);
        assertThat(settings.brokerPort()).isZero();
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.brokerProperties()).isEmpty();
    }
}
