package io.resourcepool.core.net;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to the first of several hubs that answers. Each call resolves the hubs again and makes one pass over all
 * their addresses, starting after the one that last failed (round robin: a dead first hub costs one timeout, not one
 * on every reconnect), each with the transport's own connect timeout. Waiting between passes is the caller's.
 *
 * <p>Thread safety: one thread dials at a time (a worker's session thread, a client's first connection).
 * Ownership: the transport stays the caller's; each connection returned is the caller's to close.
 */
public final class HubDialer {
    private static final Logger log = LoggerFactory.getLogger(HubDialer.class);

    private final Transport transport;
    private final HubAddresses hubs;
    private final HubAddresses.Resolver resolver;
    private InetSocketAddress lastFailed;
    private InetSocketAddress lastAnswered;

    /**
     * A dialer resolving names with the system's resolver.
     *
     * @param transport the transport to connect with
     * @param hubs the hubs, in order
     */
    public HubDialer(Transport transport, HubAddresses hubs) {
        this(transport, hubs, HubAddresses.Resolver.SYSTEM);
    }

    /**
     * A dialer resolving names as given.
     *
     * @param transport the transport to connect with
     * @param hubs the hubs, in order
     * @param resolver how names become addresses
     */
    public HubDialer(Transport transport, HubAddresses hubs, HubAddresses.Resolver resolver) {
        this.transport = Objects.requireNonNull(transport, "transport must be given");
        this.hubs = Objects.requireNonNull(hubs, "hubs must be given");
        this.resolver = Objects.requireNonNull(resolver, "resolver must be given");
    }

    /**
     * One pass over the hubs' addresses.
     *
     * @return a connection to the first that answered
     * @throws TransportException when none did: with one address, its own failure; with several, naming each
     */
    public Connection connect() {
        List<InetSocketAddress> pass = inTurn(hubs.candidates(resolver));
        List<String> failures = new ArrayList<>();
        TransportException last = null;
        for (InetSocketAddress candidate : pass) {
            try {
                Connection connection = transport.connect(candidate);
                lastAnswered = candidate;
                return connection;
            } catch (TransportException e) {
                lastFailed = candidate;
                last = e;
                failures.add(HubAddresses.written(candidate));
                if (pass.size() > 1) {
                    log.warn("hub {} did not answer: {}", HubAddresses.written(candidate), e.getMessage());
                }
            }
        }
        if (pass.size() == 1) {
            throw last;
        }
        throw new TransportException("none of the " + pass.size() + " hub addresses answered (" + String.join(", ", failures)
                + "; each failure is logged above)", last);
    }

    /**
     * The hub that answered last would not serve the caller after all (it refused a worker's registration, say because
     * another hub holds the node): the next pass starts after it, as after a hub that did not answer.
     */
    public void passOverLast() {
        if (lastAnswered != null) {
            lastFailed = lastAnswered;
        }
    }

    /**
     * The hubs this dialer tries.
     *
     * @return the hubs, as given
     */
    public HubAddresses hubs() {
        return hubs;
    }

    /** The candidates rotated to start just after the one that last failed, when it is still among them. */
    private List<InetSocketAddress> inTurn(List<InetSocketAddress> candidates) {
        int start = candidates.indexOf(lastFailed) + 1;
        List<InetSocketAddress> rotated = new ArrayList<>(candidates.subList(start, candidates.size()));
        rotated.addAll(candidates.subList(0, start));
        return rotated;
    }
}
