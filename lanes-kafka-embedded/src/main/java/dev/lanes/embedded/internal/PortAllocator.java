package dev.lanes.embedded.internal;

import dev.lanes.embedded.EmbeddedKafkaException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds ports on 127.0.0.1 that nobody listens on. Stateless; any thread.
 *
 * <p>Ports are drawn at random below Linux's ephemeral range (32768–60999), not from it: a port
 * the kernel hands to outgoing connections could be taken by some client between a node's
 * crash and its restart on the same port. Each candidate is checked by binding it; all checked
 * sockets stay open until the whole set is chosen, so the set has no duplicates. Another
 * process may still take a port before the node binds it: start-up then fails with the node's
 * "Address already in use" in the message.
 */
public final class PortAllocator {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST_EXCLUSIVE = 32_000;
    private static final int ATTEMPTS = 500;

    private PortAllocator() {
    }

    /**
     * Free ports, all distinct and none in {@code exclude}.
     *
     * @param count how many
     * @param exclude ports already chosen, e.g. the user's broker ports
     * @return {@code count} ports
     */
    public static List<Integer> freePorts(int count, Set<Integer> exclude) {
        List<ServerSocket> held = new ArrayList<>();
        Set<Integer> ports = new LinkedHashSet<>();
        try {
            for (int attempt = 0; ports.size() < count && attempt < ATTEMPTS; attempt++) {
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST_EXCLUSIVE);
                if (!exclude.contains(candidate) && !ports.contains(candidate)) {
                    tryBind(candidate, held, ports, exclude);
                }
            }
            while (ports.size() < count) {
                // The low range is crowded: let the kernel choose.
                tryBind(0, held, ports, exclude);
            }
            return List.copyOf(ports);
        } finally {
            held.forEach(PortAllocator::closeQuietly);
        }
    }

    /**
     * Fails with a clear message when a port the user chose is taken.
     *
     * @param port a port the user asked for
     * @throws EmbeddedKafkaException if something listens on it
     */
    public static void requireFree(int port) {
        try {
            bind(port).close();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("port " + port + " on " + NodeSpec.HOST
                    + " is in use; choose another port, or 0 for free ports");
        }
    }

    private static void tryBind(int port, List<ServerSocket> held, Set<Integer> ports,
                                Set<Integer> exclude) {
        try {
            ServerSocket socket = bind(port);
            // Held even when excluded, so the kernel does not offer that port again.
            held.add(socket);
            if (!exclude.contains(socket.getLocalPort())) {
                ports.add(socket.getLocalPort());
            }
        } catch (IOException e) {
            // Taken: try another.
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            // Kafka's listeners set SO_REUSEADDR too (Java's default on Linux), so a port in
            // TIME_WAIT is usable by the node: test it the same way.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(NodeSpec.HOST), port));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: the socket is gone either way.
        }
    }
}
