package dev.lanes.internal;

import dev.lanes.AsyncRecordHandler;
import dev.lanes.LanesConsumer;
import dev.lanes.LanesException;
import dev.lanes.LanesHealth;
import dev.lanes.RecordObserver;
import dev.lanes.LanesOptions;
import dev.lanes.LanesStats;
import dev.lanes.RecordHandler;
import dev.lanes.internal.commit.MetadataLimit;
import dev.lanes.internal.failure.DeadLetterClients;
import dev.lanes.internal.health.HealthBoard;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.metrics.RecordObservers;
import dev.lanes.internal.poll.Backpressure;
import dev.lanes.internal.poll.Poller;
import dev.lanes.internal.work.BatchFactory;
import dev.lanes.internal.work.HandlerWatchdog;
import dev.lanes.internal.work.Inbox;
import dev.lanes.internal.work.RecordDecoder;
import dev.lanes.internal.work.WorkerExecutors;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LanesConsumer} behind the public API: builds the Kafka consumer and the executor,
 * runs the {@link Poller} on its own platform thread, and turns close and fatal errors into the
 * termination stage. Public methods may be called from any thread.
 */
public final class LanesEngine<K, V> implements LanesConsumer<K, V> {
    private static final Logger log = LoggerFactory.getLogger(LanesEngine.class);
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Time always given to leaving the group, even when draining used up the close timeout. */
    private static final Duration MIN_LEAVE_TIME = Duration.ofSeconds(1);

    private final LanesOptions<K, V> options;
    private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory;
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final EngineStats stats = new EngineStats();
    private final HealthBoard health;
    private final RecordObservers observers = new RecordObservers();
    private volatile boolean closeRequested;
    /** Set by the poller thread once an error stops the consumer, before it drains. */
    private volatile boolean failing;
    private volatile Duration closeTimeout;
    private volatile Inbox inbox;
    private volatile Thread pollerThread;

    LanesEngine(LanesOptions<K, V> options, Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory) {
        this.options = Objects.requireNonNull(options, "options");
        this.consumerFactory = consumerFactory;
        this.closeTimeout = options.closeTimeout();
        this.health = HealthBoard.of(options, System::nanoTime, Clock.systemUTC());
    }

    public static <K, V> LanesConsumer<K, V> create(LanesOptions<K, V> options) {
        // Bytes until the worker: the user's deserializers run there (Deserializers, RecordDecoder).
        return new LanesEngine<>(options,
                props -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    @Override
    public void start(RecordHandler<K, V> handler) {
        Objects.requireNonNull(handler, "handler");
        startWith(decoder -> BatchFactory.blocking(handler, decoder), options.maxConcurrency());
    }

    @Override
    public void startAsync(AsyncRecordHandler<K, V> handler) {
        Objects.requireNonNull(handler, "handler");
        // An asynchronous handler only starts its work on the worker: without virtual threads, a
        // few platform threads serve any number of records in flight (not one per record).
        startWith(decoder -> BatchFactory.async(handler, decoder),
                Math.min(options.maxConcurrency(), Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    @Override
    public void addObserver(RecordObserver observer) {
        observers.add(observer);
    }

    @Override
    public CompletionStage<Void> termination() {
        return termination.minimalCompletionStage();
    }

    @Override
    public void close() {
        close(options.closeTimeout());
    }

    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!closeRequested) {
            closeTimeout = timeout;
            closeRequested = true;
        }
        if (started.compareAndSet(false, true)) {
            termination.complete(null); // never started: nothing to drain
            return;
        }
        Inbox current = inbox;
        if (current != null) {
            current.wakeUp();
        }
        if (Thread.currentThread() != pollerThread) {
            try {
                // Drain (timeout), commit (its bound), leave the group, and a commit inside the
                // revocation callback of close: wait for all of it, but not forever.
                termination.handle((ok, error) -> null).toCompletableFuture()
                        .get(timeout.plus(EngineConfig.DEFAULT_COMMIT_SYNC_TIMEOUT.multipliedBy(2)).plus(MIN_LEAVE_TIME)
                                .plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("close({}) returned before the consumer finished closing", timeout);
            }
        }
    }

    @Override
    public LanesStats stats() {
        return LanesStats.of(stats::read, stats.backlogByPartition());
    }

    @Override
    public LanesHealth health() {
        return health.read(failing || termination.isCompletedExceptionally(), closeRequested);
    }

    /** The engine's own counters, for tests. */
    public EngineStats engineStats() {
        return stats;
    }

    /** @param platformThreads the size of the default pool where the JVM has no virtual threads */
    private void startWith(Function<RecordDecoder<K, V>, BatchFactory> batchesFor, int platformThreads) {
        if (!started.compareAndSet(false, true)) {
            throw new LanesException(closeRequested ? "this Lanes consumer was closed" : "start was already called");
        }
        try {
            Map<String, Object> props = consumerProperties();
            RecordDecoder<K, V> decoder = Deserializers.decoderFor(options, props);
            BatchFactory batches = batchesFor.apply(decoder);
            Consumer<byte[], byte[]> consumer = consumerFactory.apply(props);
            ExecutorService ownExecutor = options.executor().isPresent() ? null
                    : WorkerExecutors.create(platformThreads, "lanes-worker-");
            Executor executor = options.executor().orElse(ownExecutor);
            Thread thread = new Thread(() -> run(consumer, props, batches, decoder, executor, ownExecutor),
                    "lanes-poller-" + props.get(ConsumerConfig.GROUP_ID_CONFIG));
            pollerThread = thread;
            thread.start();
        } catch (RuntimeException e) {
            // e.g. a bad consumer setting: nothing runs, so close() must not wait for anything.
            termination.completeExceptionally(new LanesException("could not start: " + e.getMessage(), e));
            throw e;
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>(options.consumerProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        int maxPollRecords = intSetting(props, ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                ConsumerConfig.DEFAULT_MAX_POLL_RECORDS);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Backpressure.maxPollRecordsFor(options.maxBufferedRecords(), maxPollRecords));
        // The byte bound the same way: a fetch brings at most a quarter of it.
        int maxPollBytes = Backpressure.maxPollBytesFor(options.maxBufferedBytes(),
                intSetting(props, ConsumerConfig.FETCH_MAX_BYTES_CONFIG, ConsumerConfig.DEFAULT_FETCH_MAX_BYTES));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, maxPollBytes);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.min(maxPollBytes, intSetting(props,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ConsumerConfig.DEFAULT_MAX_PARTITION_FETCH_BYTES)));
        return props;
    }

    private static int intSetting(Map<String, Object> props, String name, int defaultValue) {
        Object configured = props.get(name);
        return configured == null ? defaultValue : Integer.parseInt(configured.toString().trim());
    }

    /** The poller thread's whole life. */
    private void run(Consumer<byte[], byte[]> consumer, Map<String, Object> props, BatchFactory batches,
                     RecordDecoder<K, V> decoder, Executor executor, ExecutorService ownExecutor) {
        Throwable failure = null;
        Poller poller = null;
        HandlerWatchdog watchdog = null;
        try {
            int metadataMaxChars = options.offsetMetadataMaxChars() > 0
                    ? options.offsetMetadataMaxChars() : MetadataLimit.lookUp(props);
            EngineConfig config = EngineConfig.of(options, (Integer) props.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
                    (Integer) props.get(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), metadataMaxChars);
            if (!options.handlerTimeout().isZero()) {
                watchdog = HandlerWatchdog.start(options.handlerTimeout(), stats,
                        "lanes-watchdog-" + props.get(ConsumerConfig.GROUP_ID_CONFIG));
            }
            poller = new Poller(consumer, config, batches, executor, watchdog,
                    DeadLetterClients.kafka(props, options.retryPolicy().deadLetterProducerProperties()),
                    System::nanoTime, stats, observers, System.nanoTime(), health);
            inbox = poller.inbox();
            poller.subscribe();
            while (!closeRequested && poller.stopCause() == null) {
                poller.runOnce(MAX_WAIT_NANOS);
            }
            failure = poller.stopCause();
            if (failure != null) {
                failing = true;
                log.error("Lanes consumer stopping: {}", failure.getMessage());
            }
            long closeStart = System.nanoTime();
            poller.drainAndCommit(closeTimeout);
            Duration left = closeTimeout.minusNanos(System.nanoTime() - closeStart);
            consumer.close(left.compareTo(MIN_LEAVE_TIME) < 0 ? MIN_LEAVE_TIME : left);
        } catch (Throwable e) {
            failure = e;
            failing = true;
            log.error("Lanes consumer stopped by a fatal error; records not yet committed will be handled again "
                    + "by the next owner", e);
            if (poller != null) {
                poller.markClosing(); // the revocation inside close must neither wait nor start anything
            }
            closeQuietly(consumer);
        } finally {
            if (poller != null) {
                poller.close(MIN_LEAVE_TIME);
            }
            if (watchdog != null) {
                watchdog.close();
            }
            if (ownExecutor != null) {
                ownExecutor.shutdown();
            }
            closeQuietly(decoder);
            // Closed: nothing is assigned, buffered or running any more, whatever the last turn saw.
            stats.publishGauges(0, stats.peakBufferedRecords(), 0, 0);
            stats.publishFlow(0, 0, 0, options.maxConcurrency());
            stats.publishBacklog(Map.of(), 0);
        }
        if (failure == null) {
            termination.complete(null);
        } else if (failure instanceof LanesException) {
            termination.completeExceptionally(failure);
        } else {
            termination.completeExceptionally(new LanesException("Lanes consumer stopped: " + failure, failure));
        }
    }

    private static void closeQuietly(RecordDecoder<?, ?> decoder) {
        try {
            decoder.close();
        } catch (RuntimeException e) {
            log.warn("Closing the key or value deserializer failed: {}", e.toString());
        }
    }

    private static void closeQuietly(Consumer<?, ?> consumer) {
        try {
            consumer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            log.debug("Closing the consumer after a fatal error failed too", e);
        }
    }
}
