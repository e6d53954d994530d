package dev.lanes.internal.failure;

import dev.lanes.LanesException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the dead-letter topic exists before the first write: creates it when missing, with
 * the configured partition count or the source topic's, and the cluster's default replication.
 * Runs on a worker (the Admin calls block); any thread may call it, once it exists it costs a
 * volatile read.
 */
final class DeadLetterTopic implements DeadLetterClients.TopicCheck {
    private static final long TIMEOUT_MS = 15_000;

    private final String name;
    private final int partitions;
    private final Admin admin;
    private volatile boolean known;

    /** @param partitions 0: as many as the source topic */
    DeadLetterTopic(String name, int partitions, Admin admin) {
        this.name = name;
        this.partitions = partitions;
        this.admin = admin;
    }

    /**
     * @throws LanesException when the topic is missing and may not be created (a configuration to
     *     fix: the consumer stops)
     * @throws RuntimeException for a failure that may pass (the write is tried again later)
     */
    @Override
    public synchronized void ensureExists(String sourceTopic) {
        if (known) {
            return;
        }
        try {
            if (!admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(name)) {
                int count = partitions > 0 ? partitions : partitionsOf(sourceTopic);
                admin.createTopics(List.of(new NewTopic(name, Optional.of(count), Optional.empty())))
                        .all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            known = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                known = true;
                return;
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.ApiException api && !isRetriable(api)) {
                throw new LanesException("cannot create the dead-letter topic " + name + " (" + api
                        + "); create it, or allow this client to", api);
            }
            throw new IllegalStateException("could not check the dead-letter topic " + name + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the dead-letter topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out checking the dead-letter topic " + name, e);
        }
    }

    private int partitionsOf(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, org.apache.kafka.clients.admin.TopicDescription> described =
                admin.describeTopics(Set.of(topic)).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return described.get(topic).partitions().size();
    }

    private static boolean isRetriable(org.apache.kafka.common.errors.ApiException error) {
        return error instanceof org.apache.kafka.common.errors.RetriableException
                || error instanceof UnknownTopicOrPartitionException;
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
