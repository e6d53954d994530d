package dev.lanes.spring;

import dev.lanes.LanesOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.util.ClassUtils;

/**
 * Spring configuration metadata ({@code META-INF/spring-configuration-metadata.json}) for the
 * {@code lanes.*} properties, rendered from {@link LanesOption#all()} so that IDEs complete and
 * document every option. A test keeps the file in the jar equal to this rendering.
 */
final class ConfigurationMetadata {
    private ConfigurationMetadata() {
    }

    static String render() {
        List<String> properties = new ArrayList<>();
        properties.add(entry(LanesAutoConfiguration.AUTO_STARTUP, "java.lang.Boolean",
                "Whether the @LanesListener consumers start with the application context; false leaves them"
                        + " to be started by calling start() on the LanesListeners bean.", "true"));
        properties.add(entry(OptionPropertyNames.LISTENERS, "java.util.Map<java.lang.String,java.lang.String>",
                "Options of one listener, by its id, over the lanes.* ones and its @LanesListener attributes:"
                        + " any lanes.* property below, e.g. lanes.listeners.orders.max-concurrency=500.", null));
        for (OptionSetter setter : OptionSetter.all()) {
            properties.add(entry(setter));
        }
        return "{\n  \"groups\": [\n    {\n      \"name\": \"lanes\",\n      \"description\": "
                + quote("Lanes options for every @LanesListener (docs/OPTIONS.md); lanes.listeners.<id>.* for"
                + " one.") + "\n    }\n  ],\n  \"properties\": [\n" + String.join(",\n", properties) + "\n  ]\n}\n";
    }

    private static String entry(OptionSetter setter) {
        LanesOption<?> option = setter.option();
        String description = option.description();
        String type;
        if (setter.isBeanReference()) {
            type = "java.lang.String";
            description = "The name of a bean of type " + setter.valueType().getName() + ". " + description;
        } else {
            type = typeName(setter);
        }
        String defaultValue = option.presence() == LanesOption.Presence.DEFAULTED ? defaultValue(option) : null;
        return entry(OptionPropertyNames.PREFIX + "." + OptionPropertyNames.of(option), type, description,
                defaultValue);
    }

    private static String typeName(OptionSetter setter) {
        Class<?> raw = setter.valueType();
        if (raw.isPrimitive()) {
            return ClassUtils.resolvePrimitiveIfNecessary(raw).getName();
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "java.util.Map<java.lang.String,java.lang.String>";
        }
        if (raw.isArray()) {
            return "java.util.List<" + raw.getComponentType().getName() + ">";
        }
        return setter.bindable().getType().toString().replace(" ", "");
    }

    /** The default as a JSON value: numbers and booleans bare, durations as {@code 30s}, the rest as strings. */
    private static <T> String defaultValue(LanesOption<T> option) {
        T value = option.defaultValue();
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return quote(value instanceof Duration ? option.format(value) : String.valueOf(value));
    }

    private static String entry(String name, String type, String description, String defaultValue) {
        return "    {\n      \"name\": " + quote(name) + ",\n      \"type\": " + quote(type)
                + ",\n      \"description\": " + quote(description)
                + (defaultValue == null ? "" : ",\n      \"defaultValue\": " + defaultValue) + "\n    }";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
