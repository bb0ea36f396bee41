package io.resourcepool.launcher.client;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.net.HubAddresses;
import io.resourcepool.launcher.ConfigOptions;
import io.resourcepool.launcher.StartupMarks;
import io.resourcepool.launcher.agent.RequestCancellation;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a client command reaches the hub: flags, then the saved session, then configuration. It resumes the
 * saved session, so no password is asked for after {@code pool login}.
 */
public final class ClientOptions {
    @Mixin
    ConfigOptions config;

    @Option(names = "--hub", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "the hub, or several tried in turn (client.hub; default: the one(s) you logged in to)")
    String hub;

    @Option(names = "--ca-fingerprint", paramLabel = "SHA256", description = "the hub's CA fingerprint (client.ca-fingerprint)")
    String fingerprint;

    /** A connection to the hub and the transport under it; closing it closes both. */
    public record Connected(Transport transport, PoolClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            transport.close();
        }
    }

    Settings settings() {
        Optional<SavedSession> saved = savedSession(config.settings());
        config.put(ConfigKey.CLIENT_HUB, hub != null ? hub : saved.map(SavedSession::hub).orElse(null));
        config.put(ConfigKey.CLIENT_CA_FINGERPRINT, fingerprint != null ? fingerprint : saved.map(SavedSession::caFingerprint).orElse(null));
        return config.settings();
    }

    /**
     * Points the command at a hub found otherwise than by its flags ({@code --discover}), as if it had been given with
     * {@code --hub} and {@code --ca-fingerprint}.
     *
     * @param address the hub, {@code host:port}
     * @param caFingerprint the CA fingerprint to pin there
     */
    void useHub(String address, String caFingerprint) {
        this.hub = address;
        this.fingerprint = caFingerprint;
    }

    Path sessionFile() {
        return config.settings().path(ConfigKey.CLIENT_SESSION_FILE);
    }

    /**
     * Connects without logging in.
     *
     * @return the connection
     */
    public Connected connect() {
        Settings s = settings();
        String fp = s.text(ConfigKey.CLIENT_CA_FINGERPRINT).orElseThrow(() -> new ConfigurationException(
                "the hub's CA fingerprint is needed: give --ca-fingerprint (the hub prints it at start) or log in first"));
        HubAddresses hubs = s.hubs(ConfigKey.CLIENT_HUB);
        StartupMarks.mark("settings read");
        String type = s.required(ConfigKey.TRANSPORT_TYPE);
        Transport transport = ConfigKey.TRANSPORT_TYPE.provider(TransportProvider.class, type)
                .create(new ProviderConfig(type, "transport", Path.of("."), Map.of("role", "client", "trust-fingerprint", fp)));
        try {
            PoolClient client = PoolClient.connect(transport, hubs);
            StartupMarks.mark("connected (TLS, hello)");
            Connected connected = new Connected(transport, client);
            RequestCancellation.closeOnCancel(connected);
            return connected;
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /**
     * Connects and resumes the saved session, renewing it silently with its refresh token when it has expired.
     *
     * @return the connection, logged in
     * @throws AuthenticationException when there is no saved session, or it has ended and cannot be renewed
     */
    public Connected connectResumed() {
        SavedSession saved = savedSession(config.settings()).orElseThrow(() ->
                new AuthenticationException("not logged in: run `pool login --hub HOST:PORT --ca-fingerprint FP --user NAME` first"));
        Connected connected = connect();
        try {
            new SessionRenewal(sessionFile(), InstantSource.system()).logIn(connected.client(), saved);
            StartupMarks.mark("session resumed");
            return connected;
        } catch (AuthenticationException e) {
            connected.close();
            throw new AuthenticationException(e.getMessage() + " (run `pool login` again)");
        } catch (RuntimeException e) {
            connected.close();
            throw e;
        }
    }

    private static Optional<SavedSession> savedSession(Settings s) {
        return SavedSession.read(s.path(ConfigKey.CLIENT_SESSION_FILE));
    }
}
