package io.resourcepool.transport.tls;

import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.KeyMaterial;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link TlsTransport} proves itself, whom it trusts and what it accepts.
 *
 * @param identity this side's key and certificate chain: required to listen, optional to connect (a worker
 *     presents one, a person's client does not)
 * @param trust the CA the other side's certificate must chain to
 * @param clientAuth whether a listener asks clients for a certificate
 * @param limits the limits on received frames
 * @param handshakeTimeout how long a TLS handshake may take in all; a peer that connects and says nothing
 *     is dropped after it
 * @param allowTls12 whether TLS 1.2 is accepted besides TLS 1.3 (never anything older)
 * @param handshakesPerSource how many TLS handshakes a listener runs at once for one source (an IPv4 address
 *     or an IPv6 {@code /64}); a further connection from it is closed at once, before any TLS work. 1 to
 *     1,000,000; 10 by default
 */
public record TlsTransportConfig(
        Optional<KeyMaterial> identity,
        PeerTrust trust,
        ClientAuth clientAuth,
        FrameLimits limits,
        Duration handshakeTimeout,
        boolean allowTls12,
        int handshakesPerSource) {

    /** Ten handshakes at once per source: more than any honest peer makes, few enough to bound one that floods. */
    public static final int DEFAULT_HANDSHAKES_PER_SOURCE = 10;

    /** Ten seconds: long enough for a slow link, short enough that silent connections do not pile up. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static final String TLS13 = "TLSv1.3";
    private static final String TLS12 = "TLSv1.2";

    /** Checks the fields. */
    public TlsTransportConfig {
        Objects.requireNonNull(identity, "identity must be given (empty for a client without a certificate)");
        Objects.requireNonNull(trust, "trust must be given");
        Objects.requireNonNull(clientAuth, "clientAuth must be given");
        Objects.requireNonNull(limits, "limits must be given");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout must be given");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshakeTimeout must be positive and under 24 days, was " + handshakeTimeout);
        }
        if (handshakesPerSource < 1 || handshakesPerSource > 1_000_000) {
            throw new IllegalArgumentException("handshakesPerSource must be between 1 and 1000000, was " + handshakesPerSource);
        }
    }

    /**
     * A listening side: TLS 1.3 only, clients asked for a certificate ({@link ClientAuth#WANT}), default
     * limits, handshake timeout and handshakes per source.
     *
     * @param identity the server's key and chain
     * @param clientTrust the CA that signs client certificates
     * @return the configuration
     */
    public static TlsTransportConfig server(KeyMaterial identity, PeerTrust clientTrust) {
        return new TlsTransportConfig(Optional.of(identity), clientTrust, ClientAuth.WANT, FrameLimits.DEFAULT, DEFAULT_HANDSHAKE_TIMEOUT, false,
                DEFAULT_HANDSHAKES_PER_SOURCE);
    }

    /**
     * A connecting side without a certificate: TLS 1.3 only, default limits and handshake timeout.
     *
     * @param serverTrust the CA the server's certificate must chain to
     * @return the configuration
     */
    public static TlsTransportConfig client(PeerTrust serverTrust) {
        return new TlsTransportConfig(Optional.empty(), serverTrust, ClientAuth.NONE, FrameLimits.DEFAULT, DEFAULT_HANDSHAKE_TIMEOUT, false,
                DEFAULT_HANDSHAKES_PER_SOURCE);
    }

    /**
     * This configuration with an identity.
     *
     * @param keyMaterial the key and chain to present
     * @return the new configuration
     */
    public TlsTransportConfig withIdentity(KeyMaterial keyMaterial) {
        return new TlsTransportConfig(Optional.of(keyMaterial), trust, clientAuth, limits, handshakeTimeout, allowTls12, handshakesPerSource);
    }

    /**
     * This configuration with another client-certificate policy.
     *
     * @param mode the policy
     * @return the new configuration
     */
    public TlsTransportConfig withClientAuth(ClientAuth mode) {
        return new TlsTransportConfig(identity, trust, mode, limits, handshakeTimeout, allowTls12, handshakesPerSource);
    }

    /**
     * This configuration with other frame limits.
     *
     * @param frameLimits the limits
     * @return the new configuration
     */
    public TlsTransportConfig withLimits(FrameLimits frameLimits) {
        return new TlsTransportConfig(identity, trust, clientAuth, frameLimits, handshakeTimeout, allowTls12, handshakesPerSource);
    }

    /**
     * This configuration with another handshake timeout.
     *
     * @param timeout the timeout
     * @return the new configuration
     */
    public TlsTransportConfig withHandshakeTimeout(Duration timeout) {
        return new TlsTransportConfig(identity, trust, clientAuth, limits, timeout, allowTls12, handshakesPerSource);
    }

    /**
     * This configuration with TLS 1.2 allowed or not.
     *
     * @param allowed whether to accept TLS 1.2 besides TLS 1.3
     * @return the new configuration
     */
    public TlsTransportConfig withTls12(boolean allowed) {
        return new TlsTransportConfig(identity, trust, clientAuth, limits, handshakeTimeout, allowed, handshakesPerSource);
    }

    /**
     * This configuration with another cap on concurrent handshakes per source.
     *
     * @param perSource handshakes one source may have under way at once on a listener
     * @return the new configuration
     */
    public TlsTransportConfig withHandshakesPerSource(int perSource) {
        return new TlsTransportConfig(identity, trust, clientAuth, limits, handshakeTimeout, allowTls12, perSource);
    }

    /**
     * The protocol versions enabled, best first.
     *
     * @return {@code TLSv1.3}, and {@code TLSv1.2} when allowed
     */
    public List<String> protocols() {
        return allowTls12 ? List.of(TLS13, TLS12) : List.of(TLS13);
    }
}
