package io.resourcepool.core.net;

import io.resourcepool.api.ConfigurationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The hubs a worker or client may join, in the order given: {@code host:port[,host:port...]}, an IPv6 host in
 * brackets. Names are kept as written and resolved only when connecting ({@link #candidates}), each to all its
 * addresses, so a hub that moved or a name with several addresses is found without a restart.
 *
 * @param entries the hubs as given, names unresolved; at least one
 */
public record HubAddresses(List<InetSocketAddress> entries) {
    /** How a host name becomes its addresses; the system's resolver unless a test gives another. */
    @FunctionalInterface
    public interface Resolver {
        /** The system resolver, {@link InetAddress#getAllByName}. */
        Resolver SYSTEM = InetAddress::getAllByName;

        /**
         * Every address of a host.
         *
         * @param host a name or literal address
         * @return its addresses, at least one
         * @throws UnknownHostException when it has none
         */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Checks and copies the entries. */
    public HubAddresses {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries must be given"));
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("entries must name at least one hub");
        }
    }

    /**
     * One hub.
     *
     * @param hub its address
     * @return the list of that one hub
     */
    public static HubAddresses of(InetSocketAddress hub) {
        return new HubAddresses(List.of(hub));
    }

    /**
     * Reads a configuration value.
     *
     * @param key the configuration key, named in the error
     * @param value {@code host:port[,host:port...]}
     * @return the hubs
     * @throws ConfigurationException naming the key and the entry at fault
     */
    public static HubAddresses parse(String key, String value) {
        List<InetSocketAddress> entries = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            try {
                entries.add(parseEntry(entry.strip()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key + " is '" + value + "', whose entry '" + entry.strip()
                        + "' is not host:port (e.g. 127.0.0.1:7443, [::1]:7443); several hubs are separated by commas");
            }
        }
        return new HubAddresses(entries);
    }

    /**
     * Reads one {@code host:port}, an IPv6 host in brackets, without resolving the host.
     *
     * @param value the address
     * @return the address, unresolved
     * @throws IllegalArgumentException when it is not {@code host:port} with a port from 0 to 65535
     */
    public static InetSocketAddress parseEntry(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(value);
        }
        String host = value.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(value.substring(colon + 1));
        if (host.isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException(value);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Every address to try, in order: each entry resolved now to all its addresses. An entry that does not resolve
     * stays, unresolved, so that connecting to it fails and says so in its turn.
     *
     * @param resolver how names become addresses
     * @return the candidates, at least one
     */
    public List<InetSocketAddress> candidates(Resolver resolver) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetSocketAddress entry : entries) {
            if (!entry.isUnresolved()) {
                out.add(entry);
                continue;
            }
            int before = out.size();
            try {
                for (InetAddress address : resolver.resolve(entry.getHostString())) {
                    out.add(new InetSocketAddress(address, entry.getPort()));
                }
            } catch (UnknownHostException e) {
                // kept below, unresolved
            }
            if (out.size() == before) {
                out.add(entry);
            }
        }
        return out;
    }

    /** The hubs as they are written in configuration: {@code host:port,host:port}. */
    @Override
    public String toString() {
        return entries.stream().map(HubAddresses::written).collect(Collectors.joining(","));
    }

    /**
     * One address as configuration writes it, an IPv6 host in brackets.
     *
     * @param address the address
     * @return {@code host:port}
     */
    public static String written(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
