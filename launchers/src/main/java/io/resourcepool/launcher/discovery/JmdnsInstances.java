package io.resourcepool.launcher.discovery;

import io.resourcepool.api.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import javax.jmdns.JmDNS;

/** Opening and closing a JmDNS responder, with errors that say which address failed and what to do. */
final class JmdnsInstances {
    private JmdnsInstances() {}

    /**
     * Starts multicast DNS on the network of one local address.
     *
     * @param on the local address
     * @param role {@code hub} or {@code browser}, for its host label
     * @return the responder, which the caller closes
     */
    static JmDNS open(InetAddress on, String role) {
        try {
            // the host label is ours, so that it never contends with the machine's own mDNS name (avahi's)
            return JmDNS.create(on, "resourcepool-" + role + "-" + ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new TransportException("cannot start multicast DNS on " + on.getHostAddress() + " (" + e.getMessage()
                    + "); choose another local address with discovery.address", e);
        }
    }

    /**
     * Stops it, sending goodbyes for what it announced.
     *
     * @param dns the responder
     */
    static void close(JmDNS dns) {
        try {
            dns.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close multicast DNS", e);
        }
    }
}
