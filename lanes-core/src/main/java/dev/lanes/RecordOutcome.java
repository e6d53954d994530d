package dev.lanes;

/**
 * How a record ended for good: its handler succeeded, or the failure policy gave it up by writing
 * it to the dead-letter topic or by skipping it. A record that stops the consumer does not end.
 */
public enum RecordOutcome {
    OK("ok"),
    DEAD_LETTER("dead-letter"),
    SKIPPED("skipped");

    private final String tagValue;

    RecordOutcome(String tagValue) {
        this.tagValue = tagValue;
    }

    /** The value of the {@code outcome} tag of {@code lanes.records.ended}: ok, dead-letter, skipped. */
    public String tagValue() {
        return tagValue;
    }
}
