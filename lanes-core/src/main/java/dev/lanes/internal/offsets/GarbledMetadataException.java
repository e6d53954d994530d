package dev.lanes.internal.offsets;

/**
 * Our prefix was found but the rest cannot be decoded. Checked, and without a stack trace, because
 * it is an expected outcome of reading metadata another process wrote, caught inside the codec.
 */
final class GarbledMetadataException extends Exception {

    private static final long serialVersionUID = 1L;

    GarbledMetadataException(String message) {
        super(message, null, false, false);
    }
}
