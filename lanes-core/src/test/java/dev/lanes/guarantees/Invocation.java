package dev.lanes.guarantees;

/**
 * One handler invocation as the handler saw it. Times are {@code System.nanoTime()} values, which
 * on Linux come from CLOCK_MONOTONIC and so compare across processes of one machine.
 */
public record Invocation(String instance, int partition, long offset, String key, int attempt,
                         long startNanos, long endNanos, boolean ok) {

    /** One line of a journal file: tab-separated, written in one {@code write} call. */
    public String toLine() {
        return instance + '\t' + partition + '\t' + offset + '\t' + key + '\t' + attempt + '\t'
                + startNanos + '\t' + endNanos + '\t' + ok + '\n';
    }

    public static Invocation parse(String line) {
        String[] f = line.split("\t");
        return new Invocation(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), "null".equals(f[3]) ? null : f[3],
                Integer.parseInt(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Boolean.parseBoolean(f[7]));
    }

    public RecordId id() {
        return new RecordId(partition, offset);
    }

    /** A record of the topic under test. */
    public record RecordId(int partition, long offset) {
    }
}
