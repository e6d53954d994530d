package dev.lanes.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration option: a whole number with a unit ({@code 500ms}, {@code 5s}, {@code 1m},
 * {@code 2h}) or ISO-8601 ({@code PT5S}). A bare number is refused: its unit would be a guess.
 * Stateless.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = WITH_UNIT.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (text.startsWith("p")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // Falls through to the message below.
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration;"
                + " use e.g. 500ms, 5s, 1m, 2h or PT5S");
    }
}
