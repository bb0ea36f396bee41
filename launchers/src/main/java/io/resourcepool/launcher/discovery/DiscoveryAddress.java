package io.resourcepool.launcher.discovery;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.Optional;

/**
 * The local address, and so the network, that DNS-SD uses: {@code discovery.address} when set; for a hub, the address
 * it listens on when that names one; else the first multicast-capable, non-loopback address of an interface that is up
 * (IPv4 first), or the loopback address on a machine without one.
 */
public final class DiscoveryAddress {
    private DiscoveryAddress() {}

    /**
     * Where a hub announces itself.
     *
     * @param settings the hub's settings
     * @param bound the address it listens on
     * @return the local address
     */
    public static InetAddress forHub(Settings settings, InetSocketAddress bound) {
        return configured(settings).orElseGet(() -> bound.getAddress().isAnyLocalAddress() ? firstNetworkAddress() : bound.getAddress());
    }

    /**
     * Where {@code --discover} listens.
     *
     * @param settings the command's settings
     * @return the local address
     */
    public static InetAddress forBrowsing(Settings settings) {
        return configured(settings).orElseGet(DiscoveryAddress::firstNetworkAddress);
    }

    private static Optional<InetAddress> configured(Settings settings) {
        return settings.text(ConfigKey.DISCOVERY_ADDRESS).map(text -> {
            try {
                InetAddress address = InetAddress.getByName(text);
                if (NetworkInterface.getByInetAddress(address) == null) {
                    throw new ConfigurationException(ConfigKey.DISCOVERY_ADDRESS.key() + " is " + text + ", which no network interface of this"
                            + " machine has: give one of its own addresses (ip -brief address shows them)");
                }
                return address;
            } catch (UnknownHostException | SocketException e) {
                throw new ConfigurationException(ConfigKey.DISCOVERY_ADDRESS.key() + " is " + text + ", which is not an address of this machine: "
                        + e.getMessage(), e);
            }
        });
    }

    private static InetAddress firstNetworkAddress() {
        try {
            return NetworkInterface.networkInterfaces().filter(DiscoveryAddress::multicastNetwork)
                    .flatMap(NetworkInterface::inetAddresses).filter(address -> !address.isLoopbackAddress())
                    .min(Comparator.comparing(address -> address instanceof Inet4Address ? 0 : 1))
                    .orElseGet(InetAddress::getLoopbackAddress);
        } catch (SocketException e) {
            throw new ConfigurationException("cannot list this machine's network interfaces to choose where DNS-SD runs (" + e.getMessage()
                    + "): set " + ConfigKey.DISCOVERY_ADDRESS.key(), e);
        }
    }

    private static boolean multicastNetwork(NetworkInterface network) {
        try {
            return network.isUp() && network.supportsMulticast() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
