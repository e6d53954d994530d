package dev.lanes.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link LanesListenerException} at startup into Boot's "APPLICATION FAILED TO START" report:
 * the problem, and where the listener's options are set, instead of a stack trace.
 */
class LanesListenerFailureAnalyzer extends AbstractFailureAnalyzer<LanesListenerException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LanesListenerException cause) {
        return new FailureAnalysis(cause.getMessage(), "Fix the @LanesListener attribute or the property"
                + " named above. A listener's options come from lanes.listeners." + cause.listenerId()
                + ".*, then its @LanesListener attributes, then lanes.*; docs/SPRING.md lists them.", cause);
    }
}
