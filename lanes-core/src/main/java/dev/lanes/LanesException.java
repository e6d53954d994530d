package dev.lanes;

/** A failure that stopped a {@link LanesConsumer}, or a call that its state does not allow. */
public class LanesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LanesException(String message) {
        super(message);
    }

    public LanesException(String message, Throwable cause) {
        super(message, cause);
    }
}
