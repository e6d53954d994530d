package dev.lanes.spring;

import dev.lanes.LanesOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a {@link LanesOption}'s name reads as a Spring property: each dotted part in kebab case,
 * {@code maxConcurrency} as {@code max-concurrency}, {@code retry.deadLetterTopic} as
 * {@code retry.dead-letter-topic}; under {@code lanes.} for every listener and under
 * {@code lanes.listeners.<id>.} for one. Spring's relaxed binding also accepts the camel-case form.
 */
final class OptionPropertyNames {
    static final String PREFIX = "lanes";
    static final String LISTENERS = PREFIX + ".listeners";

    private OptionPropertyNames() {
    }

    /** The option's name in kebab case, without a prefix. */
    static String of(LanesOption<?> option) {
        return of(option.name());
    }

    /** {@link #of(LanesOption)} for an option's name. */
    static String of(String optionName) {
        return Arrays.stream(optionName.split("\\."))
                .map(OptionPropertyNames::kebab)
                .collect(Collectors.joining("."));
    }

    /** The prefix of one listener's properties. */
    static String listenerPrefix(String listenerId) {
        return LISTENERS + "." + listenerId.toLowerCase(java.util.Locale.ROOT);
    }

    private static String kebab(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
