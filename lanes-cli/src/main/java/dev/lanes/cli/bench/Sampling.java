package dev.lanes.cli.bench;

/**
 * A daemon thread that calls a sampler every 100 ms until it is interrupted, for
 * {@link MemorySampler} and {@link ThreadCpuSampler}. Stateless; any thread.
 */
final class Sampling {
    static final long PERIOD_MILLIS = 100;

    private Sampling() {
    }

    /** Starts the thread; interrupt it to stop. */
    static Thread every100Ms(String name, Runnable sample) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sample.run();
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
