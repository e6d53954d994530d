package dev.lanes.cli.consume;

import dev.lanes.FailureAction;
import dev.lanes.LanesOption;
import dev.lanes.RetryPolicy;
import dev.lanes.cli.DurationConverter;
import dev.lanes.cli.OptionCheck;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The failure options of {@code lanes consume}: which records fail or hang, how often a record is
 * tried, how long an invocation may run, and what becomes of a record that exhausts its attempts
 * (or cannot be deserialized). A picocli mixin, filled and checked on the command's thread.
 *
 * <p>Without {@code --on-exhausted} the command stops ({@code stop}, exit code 1, the record not
 * committed), as it always did, so that a trial run never loses a record silently; {@code --dlt}
 * makes it {@code dead-letter}. The library's own default is SKIP: a service should keep running.
 */
final class FailureOptions {

    @Option(names = "--fail-keys", split = ",", paramLabel = "KEY",
            description = "Records with one of these keys fail every attempt (poison records).")
    List<String> failKeys;

    @Option(names = "--hang-keys", split = ",", paramLabel = "KEY",
            description = "Records with one of these keys never return (a call that never answers):"
                    + " only --handler-timeout ends each attempt, journaled as timeout.")
    List<String> hangKeys;

    @Option(names = "--handler-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long one attempt may run before its thread is interrupted and the attempt"
                    + " fails, e.g. 2s, 500ms; 0 turns it off. Default: the library's, 5m.")
    Duration handlerTimeout;

    @Option(names = "--max-attempts", defaultValue = "0", paramLabel = "A",
            description = "Attempts per record, then --on-exhausted decides. Default: 0, retry until it"
                    + " succeeds (a record that cannot be deserialized is never retried).")
    int maxAttempts;

    @Option(names = "--on-exhausted", paramLabel = "stop|skip|dead-letter",
            converter = ExhaustedAction.Converter.class,
            description = "What becomes of a record after its last attempt, or at once when it cannot be"
                    + " deserialized: stop the command (exit code 1, the record not committed), skip it"
                    + " (journaled as skipped), or write it to the --dlt topic (journaled as dead-letter"
                    + " once written). Default: stop, or dead-letter with --dlt.")
    ExhaustedAction onExhausted;

    @Option(names = "--dlt", paramLabel = "TOPIC",
            description = "The dead-letter topic (created if missing): records given up are written there"
                    + " with their key, value and headers, plus lanes.dlt.* headers saying where they came"
                    + " from and why. Implies --on-exhausted dead-letter.")
    String deadLetterTopic;

    /** Bad input as one line: every check the options allow before touching the network. */
    void check(CommandSpec spec, String topic) {
        requireKeys(spec, "--fail-keys", failKeys);
        requireKeys(spec, "--hang-keys", hangKeys);
        if (handlerTimeout != null) {
            OptionCheck.allowedBy(spec, "--handler-timeout", handlerTimeout, LanesOption.HANDLER_TIMEOUT);
        }
        OptionCheck.allowedBy(spec, "--max-attempts", maxAttempts, LanesOption.RETRY_MAX_ATTEMPTS);
        if (deadLetterTopic != null) {
            if (deadLetterTopic.isBlank()) {
                OptionCheck.fail(spec, "--dlt must not be empty");
            }
            if (deadLetterTopic.equals(topic)) {
                OptionCheck.fail(spec, "--dlt must not be the consumed topic " + topic);
            }
            if (onExhausted != null && onExhausted != ExhaustedAction.DEAD_LETTER) {
                OptionCheck.fail(spec, "--dlt dead-letters exhausted records; it cannot go with --on-exhausted "
                        + onExhausted.label());
            }
        } else if (onExhausted == ExhaustedAction.DEAD_LETTER) {
            OptionCheck.fail(spec, "--on-exhausted dead-letter needs --dlt TOPIC, the dead-letter topic");
        }
    }

    /** Whether the engine interrupts invocations that outlive a timeout. */
    boolean timeoutOn() {
        return handlerTimeout == null || !handlerTimeout.isZero();
    }

    /**
     * @param journal the journal's failure lines, or null without a journal
     * @param deadLetterProducer the user's client properties for the dead-letter producer
     */
    RetryPolicy retryPolicy(GiveUpJournal journal, java.util.Map<String, Object> deadLetterProducer) {
        FailureAction action = onExhausted != null ? onExhausted.action()
                : deadLetterTopic != null ? FailureAction.DEAD_LETTER : FailureAction.STOP;
        RetryPolicy.Builder policy = RetryPolicy.builder().maxAttempts(maxAttempts).onExhausted(action)
                .deadLetterTopic(deadLetterTopic).deadLetterProducerProperties(deadLetterProducer);
        if (journal != null) {
            policy.givenUpListener(journal).failureHandler(journal);
        }
        return policy.build();
    }

    Set<String> failKeys() {
        return failKeys == null ? Set.of() : Set.copyOf(failKeys);
    }

    Set<String> hangKeys() {
        return hangKeys == null ? Set.of() : Set.copyOf(hangKeys);
    }

    private static void requireKeys(CommandSpec spec, String option, List<String> keys) {
        if (keys != null && keys.stream().anyMatch(String::isEmpty)) {
            OptionCheck.fail(spec, option + " must list keys separated by commas, without empty ones");
        }
    }
}
