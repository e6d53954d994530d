package dev.lanes.testkit;

/** How one handler invocation ended. */
public enum Outcome {
    /** The handler returned normally: the record ended. */
    OK,
    /** The handler failed; the record is retried, or its failure policy ends it later. */
    ERROR,
    /** The handler did not return within its timeout; like {@link #ERROR}. */
    TIMEOUT,
    /** The record was written to the dead-letter topic (acknowledged): it ended. */
    DEAD_LETTER,
    /** The failure policy skipped the record: it ended. */
    SKIPPED;

    /**
     * @return whether this outcome ends the record, so that the records after it in its lane may
     *     start and the committed offset may pass it
     */
    public boolean endsRecord() {
        return this == OK || this == DEAD_LETTER || this == SKIPPED;
    }
}
