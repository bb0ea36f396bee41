package io.resourcepool.launcher.discovery;

import io.resourcepool.api.ProtocolException;
import io.resourcepool.core.discovery.BrowseResult;
import io.resourcepool.core.discovery.DiscoveredHub;
import io.resourcepool.core.discovery.HubAdvert;
import io.resourcepool.core.discovery.HubBrowser;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/**
 * Listens for hubs' announcements by multicast DNS on the network of one local address, with JmDNS, for the whole
 * time given: hubs answer at different moments, and a list cut at the first answer would hide the others.
 */
public final class JmdnsBrowser implements HubBrowser {
    private final InetAddress on;

    /**
     * A browser on one network.
     *
     * @param on the local address whose interface it listens on
     */
    public JmdnsBrowser(InetAddress on) {
        this.on = on;
    }

    @Override
    public BrowseResult browse(Duration patience) {
        JmDNS dns = JmdnsInstances.open(on, "browser");
        Heard heard = new Heard(dns);
        try {
            dns.addServiceListener(HubAdvert.SERVICE_TYPE, heard);
            TimeUnit.NANOSECONDS.sleep(patience.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dns.removeServiceListener(HubAdvert.SERVICE_TYPE, heard);
            heard.completeFromCache();
            JmdnsInstances.close(dns);
        }
        return heard.result();
    }

    /**
     * The announcements heard, by instance name. JmDNS counts a service as resolved once its SRV and address records
     * are in, TXT or not, and a TXT record that comes in just after is cached without a second event; so a hub whose
     * TXT record was missing is read again from the cache at the end. A hub once read is never replaced by a partial
     * answer.
     */
    private static final class Heard implements ServiceListener {
        /** How long the re-reading of one announcement from the cache may wait for a record still missing. */
        private static final long CACHE_READ_MILLIS = 200;
        private final JmDNS dns;
        private final Map<String, Outcome> byInstance = new ConcurrentHashMap<>();

        Heard(JmDNS dns) {
            this.dns = dns;
        }

        @Override
        public void serviceAdded(ServiceEvent event) {
            byInstance.putIfAbsent(event.getName(), new Outcome.Unreadable("announced itself but did not send its details in time"));
            // the three-argument form ignores its timeout and blocks JmDNS's one event thread for seconds
            dns.requestServiceInfo(event.getType(), event.getName(), false, 1);
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            byInstance.remove(event.getName());
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            record(event.getName(), event.getInfo());
        }

        void completeFromCache() {
            for (String instance : List.copyOf(byInstance.keySet())) {
                if (!(byInstance.get(instance) instanceof Outcome.Read)) {
                    ServiceInfo info = dns.getServiceInfo(HubAdvert.SERVICE_TYPE, instance, CACHE_READ_MILLIS);
                    if (info != null) {
                        record(instance, info);
                    }
                }
            }
        }

        private void record(String instance, ServiceInfo info) {
            Outcome read = info.getPropertyNames().hasMoreElements() ? read(instance, info) : new Outcome.Unreadable("sent no TXT record");
            byInstance.merge(instance, read, (old, now) -> old instanceof Outcome.Read && now instanceof Outcome.Unreadable ? old : now);
        }

        private static Outcome read(String instance, ServiceInfo info) {
            Map<String, String> txt = new LinkedHashMap<>();
            for (String key : Collections.list(info.getPropertyNames())) {
                String value = info.getPropertyString(key);
                txt.put(key, value == null ? "" : value);
            }
            try {
                HubAdvert advert = HubAdvert.fromTxt(txt);
                List<InetAddress> addresses = List.of(info.getInetAddresses());
                return addresses.isEmpty() ? new Outcome.Unreadable("gave no address") : new Outcome.Read(new DiscoveredHub(instance, addresses, advert));
            } catch (ProtocolException e) {
                return new Outcome.Unreadable(e.getMessage());
            }
        }

        BrowseResult result() {
            List<DiscoveredHub> hubs = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            new TreeMap<>(byInstance).forEach((instance, outcome) -> {
                switch (outcome) {
                    case Outcome.Read read -> hubs.add(read.hub());
                    case Outcome.Unreadable why -> unreadable.add(instance + ": " + why.reason());
                }
            });
            return new BrowseResult(hubs, unreadable);
        }
    }

    /** What became of one announcement: read, or not, and why. */
    private sealed interface Outcome {
        record Read(DiscoveredHub hub) implements Outcome {}

        record Unreadable(String reason) implements Outcome {}
    }
}
