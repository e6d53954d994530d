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

    private static void assertRetryRefused(UnaryOperator<RetryPolicy.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(RetryPolicy.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void defaultsAreTheDocumentedConstants() {
        LanesOptions<String, String> options = valid().build();
        assertThat(options.ordering()).isEqualTo(LanesOption.ORDERING.defaultValue()).isEqualTo(Ordering.KEY);
        assertThat(options.maxConcurrency()).isEqualTo(LanesOption.MAX_CONCURRENCY.defaultValue());
        assertThat(options.maxBufferedRecords()).isEqualTo(LanesOption.MAX_BUFFERED_RECORDS.defaultValue());
        assertThat(options.maxBufferedBytes()).isEqualTo(LanesOption.MAX_BUFFERED_BYTES.defaultValue());
        assertThat(options.maxBatchSize()).isEqualTo(LanesOption.MAX_BATCH_SIZE.defaultValue());
        assertThat(options.commitInterval()).isEqualTo(LanesOption.COMMIT_INTERVAL.defaultValue());
        assertThat(options.revokeTimeout()).isEqualTo(LanesOption.REVOKE_TIMEOUT.defaultValue());
        assertThat(options.closeTimeout()).isEqualTo(LanesOption.CLOSE_TIMEOUT.defaultValue());
        assertThat(options.retryPolicy().initialBackoff()).isEqualTo(LanesOption.RETRY_INITIAL_BACKOFF.defaultValue());
        assertThat(options.retryPolicy().maxBackoff()).isEqualTo(LanesOption.RETRY_MAX_BACKOFF.defaultValue());
        assertThat(options.retryPolicy().jitter()).isEqualTo(LanesOption.RETRY_JITTER.defaultValue());
        assertThat(options.offsetMetadataMaxChars()).isEqualTo(LanesOption.OFFSET_METADATA_MAX_CHARS.defaultValue());
        assertThat(options.orderNullKeys()).isFalse().isEqualTo(LanesOption.ORDER_NULL_KEYS.defaultValue());
        assertThat(options.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat(options.retryPolicy().maxAttempts()).isEqualTo(LanesOption.RETRY_MAX_ATTEMPTS.defaultValue()).isZero();
        assertThat(options.executor()).isEmpty();
    }

    @Test
    void theOptionsDoNotChangeWhenTheBuilderDoes() {
        LanesOptions.Builder<String, String> builder = valid();
        LanesOptions<String, String> options = builder.build();
        builder.maxConcurrency(7).consumerProperty("group.id", "other");
        assertThat(options.maxConcurrency()).isEqualTo(LanesOption.MAX_CONCURRENCY.defaultValue());
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
        assertRetryRefused(r -> r.jitter(1.5), "retry.jitter is 1.5; allowed: 0.0 to 1.0");
        assertRetryRefused(r -> r.maxBackoff(Duration.ofMillis(1)), "retry.maxBackoff is 1ms; allowed: 100ms to 1d");
        assertRefused(b -> b.offsetMetadataMaxChars(-1), "offsetMetadataMaxChars");
        assertRetryRefused(r -> r.maxAttempts(-1), "retry.maxAttempts is -1");
        assertRefused(b -> b.closeTimeout(Duration.ofSeconds(-1)), "closeTimeout");
    }

    @Test
    void theRetryPolicyIsKeptAsGiven() {
        RetryPolicy retry = RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(5))
                .jitter(0).maxAttempts(3).build();
        assertThat(valid().retryPolicy(retry).build().retryPolicy()).isEqualTo(retry).isNotEqualTo(RetryPolicy.defaults());
        assertThat(retry.maxAttempts()).isEqualTo(3);
        assertThat(retry.initialBackoff()).isEqualTo(retry.maxBackoff()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void theRevokeWaitMustFitInsideThePollInterval() {
        assertRefused(b -> b.consumerProperty("max.poll.interval.ms", "5000").revokeTimeout(Duration.ofSeconds(5)),
                "revokeTimeout is 5s; allowed: 0s to 4s");
        assertThat(valid().consumerProperty("max.poll.interval.ms", "60000").revokeTimeout(Duration.ofSeconds(30))
                .build().revokeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
