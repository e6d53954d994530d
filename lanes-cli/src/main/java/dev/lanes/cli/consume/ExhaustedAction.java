package dev.lanes.cli.consume;

import dev.lanes.FailureAction;
import dev.lanes.cli.LabeledChoice;

/** {@code lanes consume --on-exhausted}: the words for the policy's {@link FailureAction}s that end a record. */
enum ExhaustedAction implements LabeledChoice {
    STOP("stop", FailureAction.STOP),
    SKIP("skip", FailureAction.SKIP),
    DEAD_LETTER("dead-letter", FailureAction.DEAD_LETTER);

    private final String label;
    private final FailureAction action;

    ExhaustedAction(String label, FailureAction action) {
        this.label = label;
        this.action = action;
    }

    @Override
    public String label() {
        return label;
    }

    FailureAction action() {
        return action;
    }

    static final class Converter extends LabeledChoice.Converter<ExhaustedAction> {
        Converter() {
            super(ExhaustedAction.class);
        }
    }
}
