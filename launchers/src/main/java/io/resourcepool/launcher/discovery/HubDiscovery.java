package io.resourcepool.launcher.discovery;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.discovery.BrowseResult;
import io.resourcepool.core.discovery.DiscoveredHub;
import io.resourcepool.core.discovery.HubBrowser;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code --discover}: listens for hubs, lists them, and picks the one to use, never on the announcement's word alone.
 * With an expected CA fingerprint, the hub announcing it is used ({@link HubChoice}); without one, the person at the
 * terminal is asked to choose after comparing fingerprints, and without a terminal the command stops and says to
 * pass {@code --ca-fingerprint}. Either way the fingerprint used is then pinned by the TLS handshake.
 */
public final class HubDiscovery {
    private final HubBrowser browser;
    private final Duration patience;
    private final String where;

    /**
     * A discovery.
     *
     * @param browser what listens
     * @param patience how long it listens
     * @param where the local address it listens on, for messages
     */
    public HubDiscovery(HubBrowser browser, Duration patience, String where) {
        this.browser = browser;
        this.patience = patience;
        this.where = where;
    }

    /**
     * The hub chosen: where to connect, and the CA fingerprint to pin there.
     *
     * @param hub {@code host:port}
     * @param caFingerprint the fingerprint, as the hub prints it
     */
    public record Found(String hub, String caFingerprint) {}

    /**
     * Listens, lists, and chooses.
     *
     * @param expected the CA fingerprint the operator gave, if any
     * @param out where the list and the choice are printed
     * @param terminal asks the person at the terminal a question and returns the answer; empty when there is no terminal
     * @return the hub to use
     * @throws TransportException when no hub was heard
     * @throws io.resourcepool.api.AuthenticationException when none announces the expected fingerprint
     * @throws ConfigurationException when none is expected and nobody can confirm one
     */
    public Found find(Optional<String> expected, PrintWriter out, Optional<UnaryOperator<String>> terminal) {
        Optional<CertificateFingerprint> pinned = expected.map(CertificateFingerprint::parse);
        return choose(browser.browse(patience), pinned, out, terminal);
    }

    /** Lists what was heard and chooses, as {@link #find} says. */
    Found choose(BrowseResult heard, Optional<CertificateFingerprint> pinned, PrintWriter out, Optional<UnaryOperator<String>> terminal) {
        HubListing.print(out, heard, "in " + patience.toMillis() + " ms on " + where);
        if (heard.hubs().isEmpty()) {
            throw new TransportException("no hub announced itself within " + patience.toMillis() + " ms on " + where + ": check that the hub runs"
                    + " with discovery.announce=true on this network (discovery.address), that multicast (224.0.0.251, UDP 5353) passes"
                    + " between the machines, or wait longer (--discover-timeout); or give --hub HOST:PORT");
        }
        if (pinned.isPresent()) {
            DiscoveredHub hub = HubChoice.matching(heard.hubs(), pinned.get());
            out.println("using " + HubListing.printable(hub.instance()) + ": its announced CA fingerprint is the one you gave; the TLS handshake checks"
                    + " the hub's certificate against it");
            out.flush();
            return new Found(hostPort(hub.endpoint()), pinned.get().toString());
        }
        DiscoveredHub confirmed = terminal.flatMap(ask -> confirm(heard.hubs(), ask)).orElseThrow(() -> new ConfigurationException(
                "a hub heard on the network is not trusted on its announcement's word: give --ca-fingerprint FP with the fingerprint the hub's"
                        + " operator gave you (the hub prints it at start); the hubs heard and what they announce are listed above"));
        return new Found(hostPort(confirmed.endpoint()), HubChoice.announced(confirmed).toString());
    }

    private static Optional<DiscoveredHub> confirm(List<DiscoveredHub> hubs, UnaryOperator<String> ask) {
        String answer = ask.apply("Compare the CA fingerprints above with the one the hub printed at its start (or its operator gave you)."
                + " Number of the hub to trust (Enter for none): ");
        try {
            int index = Integer.parseInt(answer == null ? "" : answer.strip());
            return index >= 1 && index <= hubs.size() ? Optional.of(hubs.get(index - 1)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code host:port} as the settings read it, with an IPv6 address in brackets. */
    static String hostPort(InetSocketAddress endpoint) {
        String host = endpoint.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + endpoint.getPort();
    }
}
