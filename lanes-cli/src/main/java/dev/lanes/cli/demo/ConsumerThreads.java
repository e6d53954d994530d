package dev.lanes.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the plain strategies of {@code lanes demo} share: one thread per group member, each
 * owning its consumer; a stop flag; the first failure. The command's thread starts and closes;
 * {@code running} and {@code failure} are the only state the members share with it.
 */
abstract class ConsumerThreads implements DemoConsumers {

    private static final long CLOSE_GRACE_MILLIS = 5_000;

    private final int members;
    private final String group;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    ConsumerThreads(int members, String group) {
        this.members = members;
        this.group = group;
    }

    /** One member's life, on its own thread: runs until {@link #running()} turns false. */
    abstract void member(String name) throws InterruptedException;

    @Override
    public final void start() {
        for (int i = 0; i < members; i++) {
            String name = "demo-" + group + "-" + i;
            Thread thread = new Thread(() -> runMember(name), name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void runMember(String name) {
        try {
            member(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) { // after close began, an interrupt's aftermath is not a failure
                fail(e);
            }
        }
    }

    /** Notes a member's failure (the first one is kept): the row is void, and the command stops it. */
    final void fail(Throwable e) {
        failure.compareAndSet(null, e);
    }

    /** Whether the members should go on; false once close began. */
    final boolean running() {
        return running;
    }

    @Override
    public final Throwable failure() {
        return failure.get();
    }

    /**
     * Stops the members: each ends its record in hand and leaves its group. One still busy after
     * {@code CLOSE_GRACE_MILLIS} (a very long simulated I/O) is interrupted.
     */
    @Override
    public final void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(CLOSE_GRACE_MILLIS);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join();
            }
        }
    }
}
