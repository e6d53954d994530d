package dev.lanes;

/**
 * Which records must be handled one after another; everything else runs in parallel.
 *
 * <p>A <em>lane</em> is a sequence of records that Lanes hands to the handler strictly one at a
 * time, in offset order: a record starts only after the previous record of its lane has ended,
 * retries included. Lanes never span partitions.
 */
public enum Ordering {
    /** One lane per partition: the order a plain consumer gives, with at most one record per partition in flight. */
    PARTITION,
    /**
     * One lane per (partition, key). Records with a {@code null} key have no order to keep and run
     * unordered, unless {@link LanesOptions.Builder#orderNullKeys(boolean)} puts them in one lane per partition.
     * Keys are compared with {@code equals}; {@code byte[]} keys are compared by content.
     */
    KEY,
    /** No lanes: any record may start as soon as there is capacity. Offsets are still committed safely. */
    UNORDERED
}
