package io.resourcepool.transport.tls;

import io.resourcepool.api.spi.transport.SourceAddress;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TLS handshakes under way per source (an IPv4 address or IPv6 {@code /64}, {@link SourceAddress}), so
 * that one source cannot keep many costly handshakes going at once. A handshake costs the server an
 * asymmetric key operation and a thread for up to the handshake timeout before the hub knows who the peer is;
 * past its share a source's new connection is closed at once, before any TLS work. Entries exist only while a
 * handshake runs, so the table is as large as the handshakes in flight.
 */
final class HandshakesInFlight {
    private final int perSource;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    HandshakesInFlight(int perSource) {
        this.perSource = perSource;
    }

    /**
     * Takes a place for a handshake from this address.
     *
     * @return the key to give back with {@link #leave}, or empty text when the source has no place left
     */
    String enter(InetAddress address) {
        String key = SourceAddress.keyOf(address);
        boolean[] admitted = {false};
        counts.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perSource) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0] ? key : "";
    }

    /** Gives a place back. */
    void leave(String key) {
        counts.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    }

    int perSource() {
        return perSource;
    }
}
