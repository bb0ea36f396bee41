package io.resourcepool.launcher.discovery;

import io.resourcepool.api.TransportException;
import io.resourcepool.core.discovery.HubAdvert;
import io.resourcepool.core.discovery.HubAnnouncer;
import java.io.IOException;
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
        JmDNS dns = JmdnsInstances.open(on, "hub");
        try {
            dns.registerService(ServiceInfo.create(HubAdvert.SERVICE_TYPE, advert.name(), advert.port(), 0, 0, advert.toTxt()));
        } catch (IOException | RuntimeException e) {
            JmdnsInstances.close(dns);
            throw new TransportException("cannot announce the hub by DNS-SD on " + on.getHostAddress() + ": " + e.getMessage(), e);
        }
        return () -> {
            dns.unregisterAllServices();
            JmdnsInstances.close(dns);
        };
    }
}
