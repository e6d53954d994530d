package dev.lanes.internal.offsets;

import java.util.Random;

/**
 * Input generators for one case of a {@link RandomCases} test, over one seeded {@link Random}.
 *
 * <p>Like a property-testing library's generators, they mix edge cases into the random values:
 * numbers hit their range's ends (and 0) about one draw in ten and are spread over all magnitudes
 * (log-uniform) about one in three; sizes are 0, 1 or the maximum about one draw in seven and
 * small (up to a tenth of the maximum) about half the time; strings mix ASCII, control, any BMP
 * (lone surrogates included) and supplementary characters.
 */
final class Gen {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final Random random;

    Gen(long seed) {
        this.random = new Random(seed);
    }

    /** The case's random source, for generators of a test's own. */
    Random random() {
        return random;
    }

    /** True with this probability in percent. */
    boolean percent(int percent) {
        return random.nextInt(100) < percent;
    }

    /** An int in [min, max], edge cases and small magnitudes mixed in. */
    int intBetween(int min, int max) {
        return (int) longBetween(min, max);
    }

    /** A long in [min, max], edge cases and small magnitudes mixed in. */
    long longBetween(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        int draw = random.nextInt(100);
        if (draw < 10) {
            long[] edges = {min, max, min + 1 <= max ? min + 1 : min, max - 1 >= min ? max - 1 : max,
                    min <= 0 && 0 <= max ? 0 : min};
            return edges[random.nextInt(edges.length)];
        }
        long span = max - min; // read as unsigned: at most 2^64 - 1
        if (draw < 40) {
            // Log-uniform above min: every bit length of the span equally likely.
            int bits = random.nextInt(65 - Long.numberOfLeadingZeros(span));
            long offset = bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
            if (Long.compareUnsigned(offset, span) <= 0) {
                return min + offset;
            }
        }
        return min + uniformUpTo(span);
    }

    /** A collection size in [0, max]: 0, 1 and max often, small sizes half the time. */
    int size(int max) {
        int draw = random.nextInt(100);
        if (draw < 5) {
            return 0;
        }
        if (draw < 10) {
            return Math.min(1, max);
        }
        if (draw < 14) {
            return max;
        }
        return random.nextInt((draw < 57 ? Math.max(1, max / 10) : max) + 1);
    }

    /** One of the values, uniformly. */
    @SafeVarargs
    final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** Bytes of a size in [0, maxSize]; the extreme byte values 0, -1, 127, -128 mixed in. */
    byte[] bytes(int maxSize) {
        byte[] bytes = new byte[size(maxSize)];
        boolean edgy = percent(20);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = edgy && percent(30) ? oneOf((byte) 0, (byte) -1, (byte) 127, (byte) -128) : (byte) random.nextInt();
        }
        return bytes;
    }

    /** A string of up to maxLength chars; each string draws from one or several character classes. */
    String string(int maxLength) {
        int length = size(maxLength);
        int classes = random.nextInt(5) == 0 ? 5 : 1 + random.nextInt(5); // sometimes all mixed
        int single = random.nextInt(5);
        StringBuilder out = new StringBuilder(length + 1);
        while (out.length() < length) {
            int kind = classes == 5 ? random.nextInt(5) : single;
            switch (kind) {
                case 0 -> out.append((char) (0x20 + random.nextInt(0x5f))); // printable ASCII
                case 1 -> out.append(BASE64URL.charAt(random.nextInt(BASE64URL.length())));
                case 2 -> out.append(oneOf('\u0000', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085', '\u00a0', '\ufeff', '\uffff'));
                case 3 -> out.append((char) random.nextInt(0x10000)); // any BMP char, lone surrogates too
                default -> out.appendCodePoint(0x10000 + random.nextInt(0x10ffff - 0x10000 + 1));
            }
        }
        out.setLength(length); // a supplementary code point may have gone one char over
        return out.toString();
    }

    /** Like {@link #string} but mostly URL-safe Base64 characters, with a few that are not. */
    String base64ish(int maxLength) {
        int length = size(maxLength);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(percent(97) ? BASE64URL.charAt(random.nextInt(BASE64URL.length())) : "=+/ .é".charAt(random.nextInt(6)));
        }
        return out.toString();
    }

    /** Uniform in [0, span], span read as unsigned. */
    private long uniformUpTo(long span) {
        if (span == -1L) {
            return random.nextLong();
        }
        long bound = span + 1; // unsigned, nonzero
        if (bound > 0) {
            return random.nextLong(bound);
        }
        long r;
        do {
            r = random.nextLong();
        } while (Long.compareUnsigned(r, bound) >= 0);
        return r;
    }
}
