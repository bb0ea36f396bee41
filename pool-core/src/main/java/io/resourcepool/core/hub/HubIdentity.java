package io.resourcepool.core.hub;

import io.resourcepool.api.HubId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The name a hub goes by among the hubs sharing its database when none is configured: the first label of the
 * machine's host name and the port it listens on ({@code build-1-7443}), so that two hubs on one machine differ and a
 * hub restarted in the same place is the same hub again. A hub bound to port 0 (a free port, as tests do) adds a
 * random number instead, as its port is not known before it starts.
 */
public final class HubIdentity {
    private static final int MAX_CHARS = 63;

    private HubIdentity() {}

    /**
     * The default name of a hub on this machine.
     *
     * @param port the port it binds, 0 for a free one
     * @return the name
     */
    public static HubId derived(int port) {
        return derived(hostName(), port);
    }

    /**
     * The default name of a hub on a machine.
     *
     * @param hostName the machine's host name
     * @param port the port it binds, 0 for a free one
     * @return the name, always a valid {@link HubId}
     */
    public static HubId derived(String hostName, int port) {
        String suffix = "-" + (port == 0 ? "any-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000) : Integer.toString(port));
        String label = hostName.split("\\.", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
        if (label.isEmpty()) {
            label = "hub";
        }
        label = label.substring(0, Math.min(label.length(), MAX_CHARS - suffix.length()));
        return HubId.of(label + suffix);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "hub";
        }
    }
}
