package io.resourcepool.launcher.discovery;

import io.resourcepool.api.TransportException;
import io.resourcepool.core.discovery.HubAdvert;
import io.resourcepool.core.discovery.HubAnnouncer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/** Announces a hub by multicast DNS on the network of one local address, with JmDNS. */
public final class JmdnsAnnouncer implements HubAnnouncer {
    private final InetAddress on;

    /**
     * An announcer on one network.
     *
     * @param on the local address whose interface carries the announcement
     */
    public JmdnsAnnouncer(InetAddress on) {
        this.on = on;
    }

    @Override
    public Announcement announce(HubAdvert advert) {
        JmDNS dns = JmdnsInstance.open(on, "hub");
        try {
            dns.registerService(ServiceInfo.create(HubAdvert.SERVICE_TYPE, advert.name(), advert.port(), 0, 0, advert.toTxt()));
        } catch (IOException | RuntimeException e) {
            JmdnsInstance.close(dns);
            throw new TransportException("cannot announce the hub by DNS-SD on " + on.getHostAddress() + ": " + e.getMessage(), e);
        }
        return () -> {
            dns.unregisterAllServices();
            JmdnsInstance.close(dns);
        };
    }

    /** Opening and closing a JmDNS responder, whose checked exceptions say which address failed. */
    static final class JmdnsInstance {
        private JmdnsInstance() {}

        static JmDNS open(InetAddress on, String role) {
            try {
                // the host label is ours, so that it never contends with the machine's own mDNS name (avahi's)
                return JmDNS.create(on, "resourcepool-" + role + "-" + ProcessHandle.current().pid());
            } catch (IOException e) {
                throw new TransportException("cannot start multicast DNS on " + on.getHostAddress() + " (" + e.getMessage()
                        + "); choose another local address with discovery.address", e);
            }
        }

        static void close(JmDNS dns) {
            try {
                dns.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close multicast DNS", e);
            }
        }
    }
}
