package dev.lanes.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.embedded.EmbeddedKafkaException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void freePortsAreDistinctBindableAndNotExcluded() throws IOException {
        List<Integer> first = PortAllocator.freePorts(3, Set.of());
        List<Integer> more = PortAllocator.freePorts(3, Set.copyOf(first));

        assertThat(first).hasSize(3).doesNotHaveDuplicates();
        assertThat(more).hasSize(3).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first);
        for (int port : first) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void portInUseIsReportedWithItsNumber() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> PortAllocator.requireFree(taken.getLocalPort()))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage("port " + taken.getLocalPort()
                            + " on 127.0.0.1 is in use; choose another port, or 0 for free ports");
        }
    }
}
