package dev.lanes;

import java.time.Duration;

/**
 * The failure recorded for an invocation still running after {@link LanesOption#HANDLER_TIMEOUT}:
 * a blocking handler's thread is interrupted, an asynchronous handler's stage is no longer waited
 * for, and the attempt counts as failed (retried or given up by the {@link RetryPolicy}).
 */
public final class HandlerTimeoutException extends LanesException {
    private static final long serialVersionUID = 1L;

    public HandlerTimeoutException(String record, Duration timeout) {
        super(record + " still running after the handler timeout of " + LanesOption.HANDLER_TIMEOUT.format(timeout));
    }
}
