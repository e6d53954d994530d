package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs small test classes in a JUnit engine of their own and checks what the extension gave
 * them: the shared broker is one broker for all classes that ask for it, a class's own broker is
 * its own, and every broker is stopped when the run ends.
 */
class EmbeddedKafkaExtensionIT {

    @Test
    void sharedBrokerIsOneForAllClassesAndEveryBrokerStopsWhenTheRunEnds() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(SharedByField.class), selectClass(SharedByAnnotation.class),
                        selectClass(OwnBroker.class))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
        Map<String, String> bootstrapByTest = results.allEvents().reportingEntryPublished().stream()
                .collect(Collectors.toMap(EmbeddedKafkaExtensionIT::methodName,
                        e -> e.getPayload(ReportEntry.class).orElseThrow()
                                .getKeyValuePairs().get("bootstrap")));
        assertThat(bootstrapByTest).containsOnlyKeys("field", "annotation", "own", "nested");
        assertThat(bootstrapByTest.get("annotation")).isEqualTo(bootstrapByTest.get("field"));
        assertThat(bootstrapByTest.get("own"))
                .isNotEqualTo(bootstrapByTest.get("field"))
                .isEqualTo(bootstrapByTest.get("nested"));
        assertThat(bootstrapByTest.values()).noneMatch(EmbeddedKafkaExtensionIT::accepts);
    }

    private static String methodName(Event event) {
        String displayName = event.getTestDescriptor().getDisplayName();
        return displayName.substring(0, displayName.indexOf('('));
    }

    private static boolean accepts(String bootstrap) {
        String[] hostPort = bootstrap.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static class SharedByField {
        @RegisterExtension
        static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

        @Test
        void field(TestReporter reporter) {
            reporter.publishEntry("bootstrap", KAFKA.bootstrapServers());
        }
    }

    @ExtendWith(EmbeddedKafkaExtension.class)
    static class SharedByAnnotation {
        @Test
        void annotation(EmbeddedKafka kafka, TestReporter reporter) {
            reporter.publishEntry("bootstrap", kafka.bootstrapServers());
        }
    }

    static class OwnBroker {
        @RegisterExtension
        static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

        @Test
        void own(EmbeddedKafka kafka, TestReporter reporter) {
            assertThat(kafka).isSameAs(KAFKA.kafka());
            reporter.publishEntry("bootstrap", kafka.bootstrapServers());
        }

        /** A nested class uses its enclosing class's broker, which outlives it. */
        @Nested
        class Inner {
            @Test
            void nested(EmbeddedKafka kafka, TestReporter reporter) {
                reporter.publishEntry("bootstrap", kafka.bootstrapServers());
            }
        }
    }
}
