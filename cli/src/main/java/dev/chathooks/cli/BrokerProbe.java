package dev.chathooks.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether anything listens at a cluster's bootstrap addresses: a TCP connection to each in turn, each bounded by a
 * few seconds. It says nothing of the protocol spoken there; it tells at once that nothing is there at all.
 */
final class BrokerProbe {
    private static final int CONNECT_TIMEOUT_MS = 3_000;

    private BrokerProbe() {}

    /**
     * @param bootstrap {@code host:port[,host:port...]}
     * @return empty once one address accepts a connection; else why none did, for a message
     */
    static Optional<String> requireListening(String bootstrap) {
        List<String> failures = new ArrayList<>();
        for (String address : bootstrap.split(",")) {
            String trimmed = address.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                failures.add(trimmed + ": not HOST:PORT");
                continue;
            }
            String host = trimmed.substring(0, colon).replaceAll("^\\[|\\]$", "");
            int port;
            try {
                port = Integer.parseInt(trimmed.substring(colon + 1));
            } catch (NumberFormatException e) {
                failures.add(trimmed + ": the port is not a number");
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
                return Optional.empty();
            } catch (IOException | IllegalArgumentException e) {
                failures.add(
                        trimmed + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        return Optional.of(String.join("; ", failures));
    }
}
