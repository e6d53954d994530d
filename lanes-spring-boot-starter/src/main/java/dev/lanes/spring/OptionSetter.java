package dev.lanes.spring;

import dev.lanes.LanesOption;
import dev.lanes.LanesOptions;
import dev.lanes.RetryPolicy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.core.ResolvableType;

/**
 * Sets one {@link LanesOption} on the builders, through the builder method of the same name (core's
 * {@code OptionsDocumentedTest} guarantees there is one per option: {@code maxConcurrency} on
 * {@link LanesOptions.Builder}, {@code retry.maxAttempts} as {@code maxAttempts} on
 * {@link RetryPolicy.Builder}). Reading the setters from the declaration, rather than writing one
 * property per option here, means a new option is a new property with no change to the starter.
 *
 * <p>The value's type is the setter's parameter type, so Spring's binder converts it ({@code 30s}
 * to a {@code Duration}, {@code KEY} to {@link dev.lanes.Ordering}, class names to classes). An
 * option whose type is an interface other than a collection (a deserializer, the failure handler,
 * the given-up listener, the executor) is an object: its property names a bean of that type.
 */
final class OptionSetter {
    private static final String RETRY = "retry.";

    private final LanesOption<?> option;
    private final Method setter;
    private final ResolvableType type;

    private OptionSetter(LanesOption<?> option, Method setter) {
        this.option = option;
        this.setter = setter;
        this.type = ResolvableType.forMethodParameter(setter, 0);
    }

    /** A setter for every option of {@link LanesOption#all()}, in that order. */
    static List<OptionSetter> all() {
        return LanesOption.all().stream().map(OptionSetter::of).toList();
    }

    static OptionSetter of(LanesOption<?> option) {
        boolean retry = option.name().startsWith(RETRY);
        Class<?> builder = retry ? RetryPolicy.Builder.class : LanesOptions.Builder.class;
        String name = retry ? option.name().substring(RETRY.length()) : option.name();
        // topics(Collection) over topics(String...): a bound list fits the first as it is.
        Method setter = Arrays.stream(builder.getMethods())
                .filter(method -> method.getName().equals(name) && method.getParameterCount() == 1)
                .min(Comparator.comparing(Method::isVarArgs))
                .orElseThrow(() -> new IllegalStateException("no builder method for the option " + option));
        return new OptionSetter(option, setter);
    }

    LanesOption<?> option() {
        return option;
    }

    /** Whether the property names a bean rather than holding the value. */
    boolean isBeanReference() {
        Class<?> raw = type.toClass();
        return raw.isInterface() && !Collection.class.isAssignableFrom(raw) && !Map.class.isAssignableFrom(raw);
    }

    /** Whether values from several places are merged (later keys win) rather than the most specific one taken. */
    boolean isMap() {
        return Map.class.isAssignableFrom(type.toClass());
    }

    /** The Java type of the option's value, as Spring configuration metadata names it. */
    Class<?> valueType() {
        return type.toClass();
    }

    /** What a property of this option binds to. */
    Bindable<?> bindable() {
        if (isBeanReference()) {
            return Bindable.of(String.class);
        }
        if (isMap()) {
            // Kafka reads every setting from a string; Object values would bind dotted keys as nested maps.
            return Bindable.mapOf(String.class, String.class);
        }
        return Bindable.of(type);
    }

    void apply(LanesOptions.Builder<?, ?> options, RetryPolicy.Builder retry, Object value) {
        Object target = setter.getDeclaringClass() == RetryPolicy.Builder.class ? retry : options;
        try {
            setter.invoke(target, value);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + setter, e);
        }
    }
}
