package dev.lanes.spring;

import java.lang.reflect.Method;

/**
 * A {@link LanesListener} that cannot run as configured: a bad method signature, a missing
 * subscription, a value out of range. Its message names the listener, the method and the option;
 * it stops the application at startup.
 */
public class LanesListenerException extends RuntimeException {
    private final String listenerId;

    public LanesListenerException(String listenerId, Method method, String problem) {
        this(listenerId, method, problem, null);
    }

    public LanesListenerException(String listenerId, Method method, String problem, Throwable cause) {
        super("Lanes listener '" + listenerId + "' (" + method.getDeclaringClass().getName() + "." + method.getName()
                + "): " + problem, cause);
        this.listenerId = listenerId;
    }

    /** The listener's id, as in {@code lanes.listeners.<id>.*}. */
    public String listenerId() {
        return listenerId;
    }
}
