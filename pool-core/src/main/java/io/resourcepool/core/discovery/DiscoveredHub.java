package io.resourcepool.core.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A hub heard on the local network: its DNS-SD instance name, the addresses its announcement gave, and what it
 * announced. Nothing here is verified; see {@link io.resourcepool.core.discovery}.
 *
 * @param instance the DNS-SD service instance name (the hub's name, unless another service already had it)
 * @param addresses the addresses of its host, at least one
 * @param advert what it announced
 */
public record DiscoveredHub(String instance, List<InetAddress> addresses, HubAdvert advert) {
    /** Checks the fields and copies the list. */
    public DiscoveredHub {
        Objects.requireNonNull(instance, "instance must be given");
        Objects.requireNonNull(advert, "advert must be given");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses must hold at least one address of hub " + instance);
        }
    }

    /**
     * Where to reach the binary protocol: an IPv4 address before an IPv6 one (a link-local IPv6 address needs its
     * interface named), and the announced port.
     *
     * @return the address and port
     */
    public InetSocketAddress endpoint() {
        InetAddress preferred = addresses.stream().min(Comparator.comparing(address -> address instanceof Inet4Address ? 0 : 1)).orElseThrow();
        return new InetSocketAddress(preferred, advert.port());
    }
}
