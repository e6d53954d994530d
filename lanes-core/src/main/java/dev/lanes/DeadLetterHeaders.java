package dev.lanes;

/**
 * The headers a dead-lettered record gains (UTF-8 strings), besides its original key, value and
 * headers, which it keeps byte for byte. {@code lanes dlt replay} removes every header that starts
 * with {@link #PREFIX}.
 */
public final class DeadLetterHeaders {
    /** Every provenance header starts with this. */
    public static final String PREFIX = "lanes.dlt.";
    public static final String ORIGINAL_TOPIC = PREFIX + "original.topic";
    public static final String ORIGINAL_PARTITION = PREFIX + "original.partition";
    public static final String ORIGINAL_OFFSET = PREFIX + "original.offset";
    public static final String ORIGINAL_TIMESTAMP = PREFIX + "original.timestamp";
    public static final String GROUP = PREFIX + "group";
    /** Attempts made; 0 for a record that could not be deserialized. */
    public static final String ATTEMPTS = PREFIX + "attempts";
    public static final String EXCEPTION_CLASS = PREFIX + "exception.class";
    public static final String EXCEPTION_MESSAGE = PREFIX + "exception.message";
    /** The stack trace of the last failure, cut to {@link #MAX_STACKTRACE_CHARS}. */
    public static final String STACKTRACE = PREFIX + "stacktrace";
    public static final int MAX_STACKTRACE_CHARS = 8 * 1024;

    private DeadLetterHeaders() {
    }
}
