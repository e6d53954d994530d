package dev.lanes.internal.offsets;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128 for non-negative longs: 7 bits per byte, least significant group first, high bit
 * set on every byte but the last. Offsets and run lengths are small deltas, so most take 1-3 bytes.
 */
final class Varint {

    /** A non-negative long has 63 significant bits: at most 9 groups of 7. */
    private static final int MAX_BYTES = 9;

    private Varint() {
    }

    static void write(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varints are non-negative, got " + value);
        }
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    static int size(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    static long read(ByteCursor in, String what) throws GarbledMetadataException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = in.readUnsignedByte(what);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new GarbledMetadataException("the " + what + " overflows a long");
                }
                return value;
            }
        }
        throw new GarbledMetadataException("the " + what + " is longer than " + MAX_BYTES + " bytes");
    }
}
