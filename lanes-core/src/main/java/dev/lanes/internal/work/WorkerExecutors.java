package dev.lanes.internal.work;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default executor for handlers: a virtual thread per batch when the JVM has them (Java 21+),
 * else a pool of {@code maxConcurrency} platform threads (the engine never has more batches in
 * flight than that). The library is compiled for Java 17, so the Java 21 API is looked up at run
 * time, through public JDK methods only.
 */
public final class WorkerExecutors {
    private WorkerExecutors() {
    }

    public static ExecutorService create(int maxConcurrency, String namePrefix) {
        ExecutorService virtual = virtualThreadPerTask(namePrefix);
        return virtual != null ? virtual : platformPool(maxConcurrency, namePrefix);
    }

    public static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    private static ExecutorService virtualThreadPerTask(String namePrefix) {
        if (!virtualThreadsAvailable()) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Object builder = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))).invoke();
            MethodHandle name = lookup.findVirtual(builderType, "name",
                    MethodType.methodType(builderType, String.class, long.class));
            builder = name.invoke(builder, namePrefix, 0L);
            ThreadFactory factory = (ThreadFactory) lookup.findVirtual(builderType, "factory",
                    MethodType.methodType(ThreadFactory.class)).invoke(builder);
            return (ExecutorService) lookup.findStatic(java.util.concurrent.Executors.class,
                    "newThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class, ThreadFactory.class))
                    .invoke(factory);
        } catch (Throwable e) {
            return null;
        }
    }

    private static ExecutorService platformPool(int threads, String namePrefix) {
        AtomicLong counter = new AtomicLong();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, namePrefix + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
