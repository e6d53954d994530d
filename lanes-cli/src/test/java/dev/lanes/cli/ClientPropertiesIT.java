package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client properties reach the clients a command makes, seen from outside: the consumer's
 * {@code client.id} in the group's description, a producer limit that makes the send fail.
 */
class ClientPropertiesIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @TempDir
    Path dir;

    @Test
    void consumeJoinsItsGroupWithTheClientIdOfPropertyOverFile(EmbeddedKafka kafka) throws Exception {
        assertThat(CliRun.of("produce", "--bootstrap", kafka.bootstrapServers(), "--topic", "props-consume",
                "--partitions", "2", "--count", "40").exitCode()).isZero();
        Path file = Files.writeString(dir.resolve("client.properties"), "client.id=from-file\n");

        CompletableFuture<CliRun> consume = CompletableFuture.supplyAsync(() -> CliRun.of("consume",
                "--bootstrap", kafka.bootstrapServers(), "--topic", "props-consume", "--group", "props",
                "--ordering", "PARTITION", "--concurrency", "2", "--work-ms", "200",
                "--command-config", file.toString(), "--property", "client.id=from-flag",
                "--exit-when-idle", "1s"));

        try (Admin admin = Admin.create(kafka.adminProperties())) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("props")).all().get()
                        .get("props");
                assertThat(group.members()).extracting(MemberDescription::clientId).containsExactly("from-flag");
                // The broker has KIP-848 (group.version 1): the consumer protocol by default.
                assertThat(group.type()).isEqualTo(GroupType.CONSUMER);
            });
        }
        CliRun run = consume.get(60, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("consumed 40 records");
    }

    @Test
    void theUsersGroupProtocolWins(EmbeddedKafka kafka) throws Exception {
        assertThat(CliRun.of("produce", "--bootstrap", kafka.bootstrapServers(), "--topic", "props-classic",
                "--count", "20").exitCode()).isZero();

        CompletableFuture<CliRun> consume = CompletableFuture.supplyAsync(() -> CliRun.of("consume",
                "--bootstrap", kafka.bootstrapServers(), "--topic", "props-classic", "--group", "props-classic",
                "--ordering", "PARTITION", "--concurrency", "1", "--work-ms", "200",
                "--property", "group.protocol=classic", "--exit-when-idle", "1s"));

        try (Admin admin = Admin.create(kafka.adminProperties())) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(admin
                    .describeConsumerGroups(List.of("props-classic")).all().get().get("props-classic").type())
                    .isEqualTo(GroupType.CLASSIC));
        }
        CliRun run = consume.get(60, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("warning");
    }

    @Test
    void producesWithTheUsersProducerProperty(EmbeddedKafka kafka) {
        CliRun run = CliRun.of("produce", "--bootstrap", kafka.bootstrapServers(), "--topic", "props-produce",
                "--count", "3", "--value-bytes", "100", "--property", "max.request.size=50");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("lanes: error: producing to props-produce failed").contains("max.request.size");
    }

    @Test
    void aBadPropertyValueIsOneLineAtRunTime(EmbeddedKafka kafka) {
        CliRun run = CliRun.of("dlt", "replay", "--bootstrap", kafka.bootstrapServers(), "--topic", "props-dlt",
                "--property", "request.timeout.ms=soon");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("lanes: error: invalid --bootstrap '" + kafka.bootstrapServers() + "' or client property:")
                .contains("request.timeout.ms");
    }
}
