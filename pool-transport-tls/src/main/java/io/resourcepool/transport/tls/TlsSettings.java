package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.KeyMaterial;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code tls} transport's settings, checked without touching any file (see {@link TlsTransportProvider}
 * for the keys); {@link #load()} reads the keys and certificates later, on first use.
 */
record TlsSettings(
        Role role,
        Path dataDirectory,
        Optional<PeerTrust> trust,
        Optional<Path> caFile,
        Optional<Path> caKeyFile,
        Optional<Path> certFile,
        Optional<Path> keyFile,
        ClientAuth clientAuth,
        FrameLimits limits,
        Duration handshakeTimeout,
        boolean allowTls12) {

    /** Which side of the pool this transport serves. */
    enum Role { HUB, WORKER, CLIENT }

    static final Set<String> KEYS = Set.of("role", "trust-fingerprint", "ca-file", "ca-key-file", "cert-file", "key-file",
            "client-auth", "allow-tls12", "max-frame-bytes", "frame-deadline", "write-timeout", "handshake-timeout");

    static TlsSettings parse(ProviderConfig config) {
        Set<String> unknown = new TreeSet<>(config.settings().keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("unknown setting " + config.fullKey(unknown.iterator().next()) + " for " + config.prefix()
                    + " type 'tls'; known settings: " + new TreeSet<>(KEYS));
        }
        Role role = choice(config, "role", Role.class, Optional.empty());
        Optional<Path> caFile = path(config, "ca-file");
        Optional<PeerTrust> pinned = config.get("trust-fingerprint").map(text -> pin(config, text));
        if (role != Role.HUB) {
            requireTrust(config, pinned.isPresent(), caFile.isPresent());
        }
        Optional<Path> certFile = path(config, "cert-file");
        Optional<Path> keyFile = path(config, "key-file");
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new ConfigurationException(config.fullKey("cert-file") + " and " + config.fullKey("key-file") + " must be set together");
        }
        if (role == Role.HUB && certFile.isPresent() && caFile.isEmpty()) {
            throw new ConfigurationException(config.fullKey("ca-file") + " must be set with " + config.fullKey("cert-file")
                    + ": the hub needs the CA that signs workers' certificates");
        }
        ClientAuth clientAuth = choice(config, "client-auth", ClientAuth.class, Optional.of(role == Role.HUB ? ClientAuth.WANT : ClientAuth.NONE));
        return new TlsSettings(role, config.dataDirectory(), pinned, caFile, path(config, "ca-key-file"), certFile, keyFile, clientAuth,
                limits(config), positive(config, "handshake-timeout", TlsTransportConfig.DEFAULT_HANDSHAKE_TIMEOUT),
                flag(config, "allow-tls12"));
    }

    /** Whether this is a worker that finds its certificate in its data directory (made at enrolment). */
    boolean presentsWorkerIdentity() {
        return role == Role.WORKER && certFile.isEmpty();
    }

    /** Reads keys and certificates as the role requires; this is the only part that touches files. */
    TlsTransportConfig load() {
        TlsTransportConfig config = switch (role) {
            case HUB -> hubAuthority().serverConfig();
            case WORKER, CLIENT -> clientConfig();
        };
        return config.withClientAuth(clientAuth).withLimits(limits).withHandshakeTimeout(handshakeTimeout).withTls12(allowTls12);
    }

    private HubCertificateAuthority hubAuthority() {
        if (certFile.isEmpty()) {
            return HubCertificateAuthority.openOrCreate(dataDirectory, InstantSource.system());
        }
        return caKeyFile.isPresent()
                ? HubCertificateAuthority.fromPem(certFile.get(), keyFile.get(), caFile.get(), caKeyFile.get(), InstantSource.system())
                : HubCertificateAuthority.fromPem(certFile.get(), keyFile.get(), caFile.get(), InstantSource.system());
    }

    private TlsTransportConfig clientConfig() {
        PeerTrust serverTrust = trust.orElseGet(() -> PeerTrust.ca(PemFiles.readCertificates(caFile.orElseThrow()).get(0)));
        TlsTransportConfig config = TlsTransportConfig.client(serverTrust);
        if (certFile.isPresent()) {
            return config.withIdentity(new KeyMaterial(PemFiles.readPrivateKey(keyFile.get()), PemFiles.readCertificates(certFile.get())));
        }
        if (role == Role.WORKER) {
            WorkerIdentity identity = WorkerIdentity.openOrCreate(dataDirectory);
            List<PeerTrust> trusts = new ArrayList<>(List.of(serverTrust));
            identity.hubCas().forEach(ca -> trusts.add(PeerTrust.ca(ca)));
            TlsTransportConfig worker = new TlsTransportConfig(Optional.empty(), PeerTrust.anyOf(trusts), config.clientAuth(), config.limits(),
                    config.handshakeTimeout(), config.allowTls12(), config.handshakesPerSource());
            return identity.keyMaterial().map(worker::withIdentity).orElse(worker);
        }
        return config;
    }

    /**
     * What the files this transport reads look like now: a worker's change when it renews, and its transport then
     * loads them again; other roles' are read once.
     */
    Object version() {
        return presentsWorkerIdentity() ? WorkerIdentity.stamp(dataDirectory) : List.of();
    }

    private static void requireTrust(ProviderConfig config, boolean pinned, boolean caFile) {
        if (pinned == caFile) {
            throw new ConfigurationException("set exactly one of " + config.fullKey("trust-fingerprint") + " (the fingerprint the hub prints)"
                    + " and " + config.fullKey("ca-file") + " (the hub's CA certificate in PEM): a client must know which hub to trust");
        }
    }

    private static PeerTrust pin(ProviderConfig config, String text) {
        try {
            return PeerTrust.pinned(CertificateFingerprint.parse(text));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(config.fullKey("trust-fingerprint") + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> path(ProviderConfig config, String key) {
        return config.get(key).map(String::strip).map(config.dataDirectory()::resolve);
    }

    private static <E extends Enum<E>> E choice(ProviderConfig config, String key, Class<E> type, Optional<E> fallback) {
        Optional<String> text = config.get(key);
        if (text.isEmpty() && fallback.isPresent()) {
            return fallback.get();
        }
        Set<String> allowed = new TreeSet<>();
        for (E value : type.getEnumConstants()) {
            String name = value.name().toLowerCase(Locale.ROOT);
            allowed.add(name);
            if (text.isPresent() && name.equals(text.get().strip().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new ConfigurationException(config.fullKey(key) + (text.isPresent() ? " is '" + text.get() + "'; it" : "") + " must be one of " + allowed);
    }

    private static boolean flag(ProviderConfig config, String key) {
        String text = config.get(key).map(String::strip).map(s -> s.toLowerCase(Locale.ROOT)).orElse("false");
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(config.fullKey(key) + " is '" + text + "', which is not true or false");
        };
    }

    private static FrameLimits limits(ProviderConfig config) {
        int max = config.getInt("max-frame-bytes", FrameLimits.DEFAULT.maxFrameBytes());
        Duration deadline = positive(config, "frame-deadline", FrameLimits.DEFAULT.frameDeadline());
        Duration writeDeadline = positive(config, "write-timeout", FrameLimits.DEFAULT.writeDeadline());
        try {
            return new FrameLimits(max, deadline, writeDeadline);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(config.fullKey("max-frame-bytes") + ": " + e.getMessage(), e);
        }
    }

    private static Duration positive(ProviderConfig config, String key, Duration fallback) {
        Duration value = config.getDuration(key, fallback);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigurationException(config.fullKey(key) + " must be positive, was " + value);
        }
        return value;
    }
}
