package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The choice of group protocol where no broker is asked: the user's, and the cluster's feature level. */
class GroupProtocolTest {

    private final StringWriter err = new StringWriter();

    @Test
    void theUsersGroupProtocolWinsAndNothingIsAsked() {
        KafkaClients clients = GroupProtocol.choose(null, KafkaClients.to("b:1", Map.of("group.protocol", "classic")),
                new PrintWriter(err));

        assertThat(clients.groupConsumerProperties(Map.of())).containsEntry("group.protocol", "classic");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aClassicOnlyPropertyPicksClassicWithOneWarning() {
        KafkaClients clients = GroupProtocol.choose(null,
                KafkaClients.to("b:1", Map.of("session.timeout.ms", "10000")), new PrintWriter(err));

        assertThat(clients.groupConsumerProperties(Map.of())).containsEntry("group.protocol", "classic")
                .containsEntry("session.timeout.ms", "10000");
        assertThat(err.toString().lines()).containsExactly("lanes: warning: using group.protocol=classic, as"
                + " session.timeout.ms is set (the consumer protocol of KIP-848 does not take it)");
    }

    @Test
    void theConsumerProtocolNeedsGroupVersionOne() {
        assertThat(GroupProtocol.missingAt((short) 1)).isNull();
        assertThat(GroupProtocol.missingAt((short) 2)).isNull();
        assertThat(GroupProtocol.missingAt((short) 0)).isEqualTo("the cluster has not enabled the consumer"
                + " group protocol (KIP-848: group.version is 0)");
        assertThat(GroupProtocol.missingAt(null)).contains("group.version not finalized");
    }

    @Test
    void onlyGroupConsumersGetTheProtocol() {
        KafkaClients clients = KafkaClients.to("b:1").withGroupProtocol(GroupProtocol.CONSUMER);

        assertThat(clients.groupConsumerProperties(Map.of())).containsEntry("group.protocol", "consumer");
        assertThat(clients.properties(Map.of())).doesNotContainKey("group.protocol");
    }
}
