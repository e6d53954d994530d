package dev.lanes.internal.offsets;

import java.io.ByteArrayOutputStream;

/**
 * The RUN_LENGTH payload: varints alternating the length of a run of offsets not ended and of a
 * run of ended ones, starting at {@code base + 1} with a not-ended run (0 when base + 1 has ended).
 * The payload ends after an ended run; whatever follows is not ended. Best for sparse sets and
 * long stretches of ended offsets.
 *
 * <p>Decoding tolerates zero-length runs and a trailing not-ended run (neither changes the set),
 * but not a run passing {@code Long.MAX_VALUE}.
 */
final class RunLengthPayload {

    private RunLengthPayload() {
    }

    static byte[] encode(long base, EndedRuns ended) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(1 << 16, 4 + 4 * ended.runCount()));
        long next = base + 1; // first offset not yet described
        for (int i = 0; i < ended.runCount(); i++) {
            Varint.write(out, ended.runStart(i) - next);
            Varint.write(out, ended.runEnd(i) - ended.runStart(i));
            next = ended.runEnd(i);
        }
        return out.toByteArray();
    }

    static EndedRuns decode(long base, ByteCursor in) throws GarbledMetadataException {
        EndedRuns.Builder runs = new EndedRuns.Builder();
        long next = base + 1;
        while (in.hasRemaining()) {
            next = advance(next, in.readVarint("length of a run not ended"));
            if (!in.hasRemaining()) {
                break;
            }
            long start = next;
            next = advance(next, in.readVarint("length of an ended run"));
            runs.add(start, next);
        }
        return runs.build();
    }

    private static long advance(long offset, long length) throws GarbledMetadataException {
        long end = offset + length;
        if (end < offset) {
            throw new GarbledMetadataException("a run passes the largest offset");
        }
        return end;
    }
}
