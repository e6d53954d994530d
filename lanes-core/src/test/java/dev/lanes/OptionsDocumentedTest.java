package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The option reference, docs/OPTIONS.md, is rendered from the {@link LanesOption} declarations;
 * every builder setter has a declaration with a description and a default (or says it has none),
 * so no option can be added undocumented.
 */
class OptionsDocumentedTest {
    /** Builder setters that are another way to set a declared option. */
    private static final Set<String> ALIASES = Set.of("consumerProperty");

    @Test
    void everyBuilderSetterHasADeclarationAndEveryDeclarationASetter() {
        Set<String> reached = new TreeSet<>();
        for (String setter : setters(LanesOptions.Builder.class)) {
            if (setter.equals("retryPolicy")) {
                setters(RetryPolicy.Builder.class).forEach(retrySetter -> reached.add("retry." + retrySetter));
            } else if (!ALIASES.contains(setter)) {
                reached.add(setter);
            }
        }
        Set<String> declared = LanesOption.all().stream().map(LanesOption::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).hasSize(LanesOption.all().size()).hasSizeGreaterThan(15);
        assertThat(reached).as("setters of LanesOptions.Builder and RetryPolicy.Builder").isEqualTo(declared);
    }

    @Test
    void everyOptionIsDescribedAndHasADefaultOrSaysItHasNone() {
        for (LanesOption<?> option : LanesOption.all()) {
            assertThat(option.description()).as("description of %s", option).isNotBlank().endsWith(".");
            assertThat(option.type()).as("type of %s", option).isNotBlank();
            if (option.presence() == LanesOption.Presence.DEFAULTED) {
                assertThat(option.defaultValue()).as("default of %s", option).isNotNull();
                assertDefaultIsAllowed(option);
                assertThat(option.allowed()).as("allowed values of %s", option).isNotBlank();
            } else {
                assertThatThrownBy(option::defaultValue).as("%s has no default", option)
                        .hasMessageContaining(option.name() + " has no default");
            }
        }
    }

    @Test
    void theOptionReferenceIsUpToDate() throws IOException {
        GeneratedDoc.assertUpToDate("docs/OPTIONS.md", render());
    }

    private static <T> void assertDefaultIsAllowed(LanesOption<T> option) {
        assertThat(option.check(option.defaultValue())).isEqualTo(option.defaultValue());
    }

    private static List<String> setters(Class<?> builder) {
        return Arrays.stream(builder.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
                .map(Method::getName)
                .filter(name -> !name.equals("build"))
                .distinct()
                .toList();
    }

    static String render() {
        StringBuilder page = new StringBuilder(GeneratedDoc.header("Lanes options", "dev.lanes.LanesOption"));
        page.append("Every option of `LanesOptions.builder()`; the `retry.*` options are set on `RetryPolicy.builder()`")
                .append(" (without the prefix) and passed with `retryPolicy(...)`. `build()` refuses a value outside")
                .append(" the allowed range, naming the option and the range. Durations are written as")
                .append(" `100ms`, `30s`, `5m`, `1h`, `1d`.\n\n")
                .append("| option | type | default | allowed | description |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (LanesOption<?> option : LanesOption.all()) {
            page.append(Stream.of("`" + option.name() + "`", "`" + option.type() + "`", defaultText(option),
                            option.allowed(), option.description())
                    .map(GeneratedDoc::cell)
                    .collect(Collectors.joining(" | ", "| ", " |\n")));
        }
        return page.toString();
    }

    private static <T> String defaultText(LanesOption<T> option) {
        return switch (option.presence()) {
            case DEFAULTED -> option.format(option.defaultValue());
            case REQUIRED -> "required";
            case OPTIONAL -> "none";
        };
    }
}
