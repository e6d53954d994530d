package dev.lanes.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * An option whose values are a few lower-case words ({@code --on-exhausted stop|skip|dead-letter}),
 * read into an enum whose constants carry their word. Picocli reads enums by constant name only,
 * and {@code dead-letter} is no Java name. Stateless.
 */
public interface LabeledChoice {

    /** The word users type. */
    String label();

    /**
     * Reads a word into its constant; a subclass per enum gives picocli its no-argument
     * constructor. An unknown word fails as bad input, naming the words allowed.
     */
    abstract class Converter<E extends Enum<E> & LabeledChoice> implements CommandLine.ITypeConverter<E> {
        private final Class<E> type;

        protected Converter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            for (E choice : type.getEnumConstants()) {
                if (choice.label().equals(value)) {
                    return choice;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + labels(type));
        }
    }

    /** {@code stop, skip, dead-letter}. */
    static <E extends Enum<E> & LabeledChoice> String labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(LabeledChoice::label).collect(Collectors.joining(", "));
    }
}
