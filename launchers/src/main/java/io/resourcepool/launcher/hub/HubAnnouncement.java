package io.resourcepool.launcher.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.core.discovery.HubAdvert;
import io.resourcepool.core.discovery.HubAnnouncer;
import io.resourcepool.core.protocol.HandshakeMessage;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.discovery.DiscoveryAddress;
import io.resourcepool.launcher.discovery.JmdnsAnnouncer;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The hub's DNS-SD announcement ({@code discovery.*}): off unless {@code discovery.announce=true}, since it tells
 * everyone on the network that a pool runs here and on which ports. It announces the ports, the protocol version, the
 * CA's fingerprint (public: clients compare it with the one their operator gave) and the hub's name; nothing secret.
 */
final class HubAnnouncement implements AutoCloseable {
    private final HubAnnouncer.Announcement running;
    private final Optional<String> description;

    private HubAnnouncement(HubAnnouncer.Announcement running, Optional<String> description) {
        this.running = running;
        this.description = description;
    }

    /**
     * The name the hub is to announce, checked before anything starts.
     *
     * @param settings the hub's settings
     * @return {@code discovery.name}, or the first label of the machine's host name; empty when the hub is not to announce
     */
    static Optional<String> name(Settings settings) {
        if (!settings.bool(ConfigKey.DISCOVERY_ANNOUNCE)) {
            return Optional.empty();
        }
        String name = settings.text(ConfigKey.DISCOVERY_NAME).orElseGet(() -> AlertSettings.hostName().split("\\.", 2)[0]);
        try {
            HubAdvert.checkName(name);
            return Optional.of(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ConfigKey.DISCOVERY_NAME.key() + " is not valid: " + e.getMessage().replace("name must", "it must"), e);
        }
    }

    /**
     * Announces the running hub, when it has a name to announce.
     *
     * @param settings the hub's settings
     * @param hub the running hub
     * @param name its name, from {@link #name}; empty for no announcement
     * @return the announcement, to be closed before the hub
     */
    static HubAnnouncement start(Settings settings, HubRuntime hub, Optional<String> name) {
        if (name.isEmpty()) {
            return new HubAnnouncement(() -> { }, Optional.empty());
        }
        InetAddress on = DiscoveryAddress.forHub(settings, hub.address());
        HubAdvert advert = new HubAdvert(name.get(), HandshakeMessage.PROTOCOL_VERSION, hub.address().getPort(),
                hub.httpUri().map(URI::getPort).orElse(0), hub.caFingerprint());
        HubAnnouncer.Announcement running = new JmdnsAnnouncer(on).announce(advert);
        String reach = on.isLoopbackAddress() ? " (a loopback address: only this machine hears it; set discovery.address or hub.bind)" : "";
        return new HubAnnouncement(running, Optional.of("Announced by DNS-SD (" + HubAdvert.SERVICE_TYPE.replace(".local.", "") + ") as "
                + name.get() + " on " + on.getHostAddress() + reach));
    }

    /**
     * Says where the hub is announced, when it is.
     *
     * @param out the terminal
     */
    void print(PrintWriter out) {
        description.ifPresent(out::println);
        out.flush();
    }

    @Override
    public void close() {
        running.close();
    }
}
