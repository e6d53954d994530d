package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The option reference is the builder's Javadoc: every option must have one that states its
 * default (or that it has none), so that no option can be added undocumented.
 */
class OptionsDocumentedTest {
    private static final Pattern DOCUMENTED_SETTER =
            Pattern.compile("/\\*\\*(.*?)\\*/\\s*public Builder<K, V> (\\w+)\\(", Pattern.DOTALL);

    @Test
    void everyBuilderOptionStatesItsDefault() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/lanes/LanesOptions.java"));
        Map<String, String> docs = new HashMap<>();
        Matcher matcher = DOCUMENTED_SETTER.matcher(source);
        while (matcher.find()) {
            docs.merge(matcher.group(2), matcher.group(1), String::concat);
        }
        String[] options = Arrays.stream(LanesOptions.Builder.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()))
                .map(Method::getName)
                .filter(name -> !name.equals("build"))
                .distinct()
                .toArray(String[]::new);

        assertThat(options).hasSizeGreaterThan(15);
        for (String option : options) {
            assertThat(docs).as("Javadoc of LanesOptions.Builder#%s", option).containsKey(option);
            assertThat(docs.get(option).toLowerCase()).as("Javadoc of %s states its default", option)
                    .contains("default");
        }
    }
}
