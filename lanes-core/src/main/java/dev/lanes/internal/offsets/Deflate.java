package dev.lanes.internal.offsets;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Raw DEFLATE (RFC 1951, no zlib header or checksum: they would cost 6 bytes of a 4 KB budget and
 * the base offset check already rejects most mismatches). Inflation is bounded because the input
 * comes from whoever committed last: a few hundred bytes can claim to inflate to gigabytes.
 */
final class Deflate {

    private Deflate() {
    }

    static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, input.length / 2));
            byte[] chunk = new byte[Math.min(1 << 14, Math.max(64, input.length + 16))];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Inflates a complete raw DEFLATE stream of at most {@code maxBytes} bytes, or fails. */
    static byte[] inflate(byte[] input, int maxBytes) throws GarbledMetadataException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(64, input.length * 4)));
            byte[] chunk = new byte[4096];
            boolean stalled = false;
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (stalled || inflater.needsInput() || inflater.needsDictionary())) {
                    throw new GarbledMetadataException("the compressed payload is truncated");
                }
                stalled = n == 0;
                if (out.size() + n > maxBytes) {
                    throw new GarbledMetadataException("the payload inflates beyond " + maxBytes + " bytes");
                }
                out.write(chunk, 0, n);
            }
            if (inflater.getRemaining() > 0) {
                throw new GarbledMetadataException("bytes follow the compressed payload");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new GarbledMetadataException("the compressed payload is corrupt: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
