package dev.lanes.cli.demo;

import dev.lanes.cli.CliException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * Waits, through the Admin API, until a strategy's consumer group has settled: stable, with every
 * member joined and every partition assigned. The demo produces its events only then, so each row
 * measures steady-state processing, as in the article (consumers that run all day), not how long
 * 20 members take to join. Used on the command's thread.
 */
final class DemoGroup {

    private static final long CHECK_EVERY_MILLIS = 100;

    private DemoGroup() {
    }

    /**
     * @param members the members the strategy starts
     * @param partitions the partitions of its topic
     * @param consumerFailure the first failure of the strategy's consumers, or null: ends the wait
     * @return how long the group took to settle, in seconds
     * @throws CliException if it did not settle within the timeout
     */
    static double awaitSettled(Admin admin, String group, int members, int partitions, Duration timeout,
                               Supplier<Throwable> consumerFailure) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String last = "not described yet";
        while (deadline - System.nanoTime() > 0) {
            Throwable failure = consumerFailure.get();
            if (failure != null) {
                throw new CliException("a consumer of group " + group + " failed: " + failure, failure);
            }
            try {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(group);
                int assigned = description.members().stream()
                        .mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                if (description.groupState() == GroupState.STABLE && description.members().size() == members
                        && assigned == partitions) {
                    return (System.nanoTime() - start) / 1e9;
                }
                last = description.groupState() + " with " + description.members().size() + " of " + members
                        + " members and " + assigned + " of " + partitions + " partitions assigned";
            } catch (ExecutionException | TimeoutException e) {
                last = e.getMessage();
            }
            Thread.sleep(CHECK_EVERY_MILLIS);
        }
        throw new CliException("group " + group + " did not settle within " + timeout.toSeconds() + " s: " + last);
    }
}
