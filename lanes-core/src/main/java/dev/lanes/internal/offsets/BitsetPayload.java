package dev.lanes.internal.offsets;

/**
 * The BITSET payload: bit {@code i} (least significant bit first within each byte, bytes in
 * order) is set when offset {@code base + 1 + i} has ended. The base itself is the committed offset,
 * which by definition has not ended, so it needs no bit. The last byte holds the highest ended
 * offset; bits beyond the payload are not ended. Best for dense sets.
 */
final class BitsetPayload {

    private BitsetPayload() {
    }

    /** The payload size for these offsets, as a long since a sparse window may be huge. */
    static long size(long base, EndedRuns ended) {
        if (ended.isEmpty()) {
            return 0;
        }
        long bits = ended.highest() - base;
        return (bits + 7) >>> 3;
    }

    /** The caller checks {@link #size} first; this allocates that many bytes. */
    static byte[] encode(long base, EndedRuns ended) {
        byte[] payload = new byte[Math.toIntExact(size(base, ended))];
        for (int i = 0; i < ended.runCount(); i++) {
            for (long bit = ended.runStart(i) - base - 1; bit < ended.runEnd(i) - base - 1; bit++) {
                payload[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        return payload;
    }

    static EndedRuns decode(long base, byte[] payload) throws GarbledMetadataException {
        int length = payload.length;
        while (length > 0 && payload[length - 1] == 0) {
            length--; // trailing zero bytes say nothing; tolerate them
        }
        if (length == 0) {
            return EndedRuns.NONE;
        }
        long highestBit = ((long) (length - 1) << 3) + 31 - Integer.numberOfLeadingZeros(payload[length - 1] & 0xFF);
        // The highest ended offset, base + 1 + highestBit, must stay below Long.MAX_VALUE so that
        // every run's exclusive end is representable.
        if (highestBit > Long.MAX_VALUE - 2 - base) {
            throw new GarbledMetadataException("the bitset passes the largest offset");
        }
        EndedRuns.Builder runs = new EndedRuns.Builder();
        long first = base + 1;
        long runStart = -1;
        for (int i = 0; i < length; i++) {
            int b = payload[i] & 0xFF;
            if (b == 0 && runStart < 0 || b == 0xFF && runStart >= 0) {
                continue; // the whole byte continues the current run or gap
            }
            for (int bit = 0; bit < 8; bit++) {
                boolean set = (b & (1 << bit)) != 0;
                if (set == (runStart < 0)) {
                    long offset = first + ((long) i << 3) + bit;
                    if (set) {
                        runStart = offset;
                    } else {
                        runs.add(runStart, offset);
                        runStart = -1;
                    }
                }
            }
        }
        if (runStart >= 0) {
            runs.add(runStart, first + ((long) length << 3));
        }
        return runs.build();
    }
}
