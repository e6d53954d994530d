package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LanesOptionsTest {

    private static Map<String, Object> props() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:9092");
        props.put("group.id", "g");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        return props;
    }

    private static LanesOptions.Builder<String, String> valid() {
        return LanesOptions.<String, String>builder().consumerProperties(props()).topics("t");
    }

    private static void assertRefused(UnaryOperator<LanesOptions.Builder<String, String>> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void defaultsAreTheDocumentedConstants() {
        LanesOptions<String, String> options = valid().build();
        assertThat(options.ordering()).isEqualTo(LanesOptions.DEFAULT_ORDERING).isEqualTo(Ordering.KEY);
        assertThat(options.maxConcurrency()).isEqualTo(LanesOptions.DEFAULT_MAX_CONCURRENCY);
        assertThat(options.maxBufferedRecords()).isEqualTo(LanesOptions.DEFAULT_MAX_BUFFERED_RECORDS);
        assertThat(options.maxBufferedBytes()).isEqualTo(LanesOptions.DEFAULT_MAX_BUFFERED_BYTES);
        assertThat(options.maxBatchSize()).isEqualTo(LanesOptions.DEFAULT_MAX_BATCH_SIZE);
        assertThat(options.commitInterval()).isEqualTo(LanesOptions.DEFAULT_COMMIT_INTERVAL);
        assertThat(options.revokeTimeout()).isEqualTo(LanesOptions.DEFAULT_REVOKE_TIMEOUT);
        assertThat(options.closeTimeout()).isEqualTo(LanesOptions.DEFAULT_CLOSE_TIMEOUT);
        assertThat(options.retryInitialBackoff()).isEqualTo(LanesOptions.DEFAULT_RETRY_INITIAL_BACKOFF);
        assertThat(options.retryMaxBackoff()).isEqualTo(LanesOptions.DEFAULT_RETRY_MAX_BACKOFF);
        assertThat(options.retryJitter()).isEqualTo(LanesOptions.DEFAULT_RETRY_JITTER);
        assertThat(options.offsetMetadataMaxChars()).isEqualTo(LanesOptions.DEFAULT_OFFSET_METADATA_MAX_CHARS);
        assertThat(options.orderNullKeys()).isFalse();
        assertThat(options.executor()).isEmpty();
    }

    @Test
    void theOptionsDoNotChangeWhenTheBuilderDoes() {
        LanesOptions.Builder<String, String> builder = valid();
        LanesOptions<String, String> options = builder.build();
        builder.maxConcurrency(7).consumerProperty("group.id", "other");
        assertThat(options.maxConcurrency()).isEqualTo(LanesOptions.DEFAULT_MAX_CONCURRENCY);
        assertThat(options.consumerProperties()).containsEntry("group.id", "g");
    }

    @Test
    void refusesAutoCommit() {
        assertRefused(b -> b.consumerProperty("enable.auto.commit", "true"), "enable.auto.commit=true");
        assertRefused(b -> b.consumerProperty("enable.auto.commit", true), "enable.auto.commit=true");
        assertThat(valid().consumerProperty("enable.auto.commit", "false").build()).isNotNull();
    }

    @Test
    void requiresTheConsumerBasics() {
        assertRefused(b -> b.consumerProperty("bootstrap.servers", null), "bootstrap.servers");
        assertRefused(b -> b.consumerProperty("group.id", " "), "group.id");
        assertRefused(b -> b.consumerProperty("key.deserializer", null), "key deserializer");
        assertRefused(b -> b.consumerProperty("value.deserializer", null), "value deserializer");
        assertRefused(b -> b.consumerProperty("max.poll.interval.ms", "soon"), "max.poll.interval.ms=soon");
    }

    @Test
    void subscribesToTopicsOrAPatternButNotBoth() {
        assertRefused(b -> b.topics(java.util.List.of()), "exactly one");
        assertRefused(b -> b.topicPattern(Pattern.compile("t.*")), "exactly one");
        assertRefused(b -> b.topics("ok", " "), "blank");
    }

    @Test
    void namesTheBadOptionAndItsRange() {
        assertRefused(b -> b.maxConcurrency(0), "maxConcurrency is 0; allowed: 1 to 1000000");
        assertRefused(b -> b.maxBufferedRecords(0), "maxBufferedRecords");
        assertRefused(b -> b.maxBufferedBytes(10), "maxBufferedBytes is 10; allowed: 1024");
        assertRefused(b -> b.maxBatchSize(10_001), "maxBatchSize");
        assertRefused(b -> b.commitInterval(Duration.ofMillis(1)), "commitInterval");
        assertRefused(b -> b.retryJitter(1.5), "retryJitter is 1.5");
        assertRefused(b -> b.retryMaxBackoff(Duration.ofMillis(1)), "retryMaxBackoff");
        assertRefused(b -> b.offsetMetadataMaxChars(-1), "offsetMetadataMaxChars");
        assertRefused(b -> b.maxAttempts(-1), "maxAttempts is -1");
        assertRefused(b -> b.closeTimeout(Duration.ofSeconds(-1)), "closeTimeout");
    }

    @Test
    void theRevokeWaitMustFitInsideThePollInterval() {
        assertRefused(b -> b.consumerProperty("max.poll.interval.ms", "5000").revokeTimeout(Duration.ofSeconds(5)),
                "revokeTimeout");
        assertThat(valid().consumerProperty("max.poll.interval.ms", "60000").revokeTimeout(Duration.ofSeconds(30))
                .build().revokeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
