package dev.lanes.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerPropertiesTest {

    @TempDir
    Path dir;

    private List<NodeSpec> cluster(int nodes) {
        return java.util.stream.IntStream.range(0, nodes)
                .mapToObj(i -> new NodeSpec(i, 9092 + i, 19092 + i, dir.resolve("node-" + i)))
                .collect(java.util.stream.Collectors.toList());
    }

    @Test
    void singleNodeIsBrokerAndControllerOnLoopbackWithReplicationOne() {
        List<NodeSpec> cluster = cluster(1);
        Map<String, String> props = BrokerProperties.forNode(cluster.get(0), cluster, Map.of());

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "0")
                .containsEntry("controller.quorum.voters", "0@127.0.0.1:19092")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:19092")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("log.dirs", cluster.get(0).dataDirectory().toString());
    }

    @Test
    void threeNodesShareOneStaticQuorumAndSurviveOneLoss() {
        List<NodeSpec> cluster = cluster(3);
        Map<String, String> props = BrokerProperties.forNode(cluster.get(2), cluster, Map.of());

        assertThat(props)
                .containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters",
                        "0@127.0.0.1:19092,1@127.0.0.1:19093,2@127.0.0.1:19094")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:19094")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("share.coordinator.state.topic.min.isr", "2")
                .containsEntry("broker.session.timeout.ms", "3000")
                .containsEntry("broker.heartbeat.interval.ms", "500");
    }

    @Test
    void userPropertiesWinOverDefaults() {
        List<NodeSpec> cluster = cluster(1);
        Map<String, String> props = BrokerProperties.forNode(cluster.get(0), cluster,
                Map.of("auto.create.topics.enable", "true", "log.retention.ms", "1000"));

        assertThat(props)
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("log.retention.ms", "1000");
    }

    @Test
    void writtenFileLoadsBackUnchanged() throws IOException {
        List<NodeSpec> cluster = cluster(3);
        NodeSpec node = cluster.get(1);
        Map<String, String> props = BrokerProperties.forNode(node, cluster,
                Map.of("odd.value", "C:\\data\\kafka =x: #y"));

        BrokerProperties.write(props, node);

        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(node.propertiesFile())) {
            loaded.load(in);
        }
        assertThat(loaded).containsExactlyInAnyOrderEntriesOf(props);
        assertThat(Files.readString(node.propertiesFile()))
                .contains("listeners=PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:19093");
    }
}
