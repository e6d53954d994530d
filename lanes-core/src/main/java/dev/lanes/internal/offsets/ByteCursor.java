package dev.lanes.internal.offsets;

import java.util.Arrays;

/** Reads bytes and varints from a decoded metadata buffer, failing cleanly on truncation. */
final class ByteCursor {

    private final byte[] bytes;
    private int position;

    ByteCursor(byte[] bytes) {
        this.bytes = bytes;
    }

    boolean hasRemaining() {
        return position < bytes.length;
    }

    int readUnsignedByte(String what) throws GarbledMetadataException {
        if (!hasRemaining()) {
            throw new GarbledMetadataException("truncated before the " + what);
        }
        return bytes[position++] & 0xFF;
    }

    long readVarint(String what) throws GarbledMetadataException {
        return Varint.read(this, what);
    }

    byte[] remaining() {
        byte[] rest = Arrays.copyOfRange(bytes, position, bytes.length);
        position = bytes.length;
        return rest;
    }
}
