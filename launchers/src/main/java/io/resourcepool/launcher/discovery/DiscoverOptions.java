package io.resourcepool.launcher.discovery;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.launcher.ConfigOptions;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** The {@code --discover} flags of {@code pool login} and {@code pool worker}: find the hub on the local network. */
public final class DiscoverOptions {
    @Option(names = "--discover", description = "find the hub on the local network by DNS-SD (_resourcepool._tcp) instead of --hub;"
            + " one is used only if it announces the CA fingerprint given with --ca-fingerprint, or you confirm it at the terminal")
    boolean discover;

    @Option(names = "--discover-timeout", paramLabel = "DURATION", description = "how long --discover listens (discovery.timeout, default 3s)")
    String timeout;

    /**
     * Whether {@code --discover} was given.
     *
     * @return true when it was
     */
    public boolean requested() {
        return discover;
    }

    /**
     * Records the flags given in the configuration.
     *
     * @param config the command's configuration
     */
    public void putInto(ConfigOptions config) {
        config.put(ConfigKey.DISCOVERY_TIMEOUT, timeout);
    }

    /**
     * Finds the hub, when {@code --discover} was given.
     *
     * @param settings the command's settings
     * @param hubFlag the {@code --hub} flag, which cannot go with {@code --discover}
     * @param expected the CA fingerprint the operator gave, if any
     * @param out where the list is printed
     * @return the hub found; empty without {@code --discover}
     */
    public Optional<HubDiscovery.Found> find(Settings settings, Optional<String> hubFlag, Optional<String> expected, PrintWriter out) {
        if (!discover) {
            return Optional.empty();
        }
        if (hubFlag.isPresent()) {
            throw new ConfigurationException("--discover finds the hub by itself: give --discover or --hub, not both");
        }
        Duration patience = settings.duration(ConfigKey.DISCOVERY_TIMEOUT);
        if (!patience.isPositive()) {
            throw new ConfigurationException(ConfigKey.DISCOVERY_TIMEOUT.key() + " must be a positive duration such as 3s, was " + patience);
        }
        InetAddress on = DiscoveryAddress.forBrowsing(settings);
        Optional<UnaryOperator<String>> terminal = Optional.ofNullable(System.console()).map(console -> console::readLine);
        return Optional.of(new HubDiscovery(new JmdnsBrowser(on), patience, on.getHostAddress()).find(expected, out, terminal));
    }
}
