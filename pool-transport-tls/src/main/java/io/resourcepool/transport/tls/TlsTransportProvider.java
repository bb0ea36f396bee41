package io.resourcepool.transport.tls;

import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;

/**
 * Makes {@link TlsTransport}s, type {@code tls}. {@link #create} checks the settings and touches no file;
 * keys and certificates are read (or, for a hub, made) when the transport first listens or connects.
 *
 * <p>Settings (keys without the prefix, file paths relative to the data directory):
 * <table>
 * <caption>tls transport settings</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code role}</td><td>{@code hub}, {@code worker} or {@code client}</td><td>required</td></tr>
 * <tr><td>{@code trust-fingerprint}</td><td>worker, client: the SHA-256 fingerprint of the hub's CA, as
 *     the hub prints it (hex, colons optional)</td><td>one of this and {@code ca-file}</td></tr>
 * <tr><td>{@code ca-file}</td><td>worker, client: the hub's CA certificate in PEM. Hub: the CA that signs
 *     workers' certificates, with {@code cert-file}</td><td>-</td></tr>
 * <tr><td>{@code cert-file}, {@code key-file}</td><td>hub: the operator's server chain and key, instead of
 *     the CA the hub makes in {@code DATA/tls/}. Client: a certificate to present</td><td>-</td></tr>
 * <tr><td>{@code ca-key-file}</td><td>hub with {@code cert-file}: the CA's key, so the hub can enrol
 *     workers</td><td>-</td></tr>
 * <tr><td>{@code client-auth}</td><td>{@code none}, {@code want} or {@code need}: whether a listener asks
 *     for client certificates</td><td>{@code want} for a hub</td></tr>
 * <tr><td>{@code allow-tls12}</td><td>{@code true} to accept TLS 1.2 besides 1.3</td><td>{@code false}</td></tr>
 * <tr><td>{@code max-frame-bytes}</td><td>largest frame payload accepted</td><td>1048576</td></tr>
 * <tr><td>{@code frame-deadline}</td><td>time for a frame to arrive whole once started</td><td>10s</td></tr>
 * <tr><td>{@code write-timeout}</td><td>time one frame may take to be written; a peer that stopped reading is
 * disconnected after it</td><td>30s</td></tr>
 * <tr><td>{@code handshake-timeout}</td><td>time for the whole TLS handshake</td><td>10s</td></tr>
 * </table>
 *
 * <p>A worker presents the certificate stored by {@link WorkerIdentity} in {@code DATA/tls/}, once it has
 * one; before enrolment it connects without. It reads them again when a renewal replaced them, and trusts the hub's
 * CA by the pinned fingerprint or by the CAs the hub sent it ({@code DATA/tls/hub-cas.pem}), so it follows a CA
 * rotation. Unknown keys are refused, so a misspelt one is not ignored.
 */
public final class TlsTransportProvider implements TransportProvider {

    /** Needed by {@link java.util.ServiceLoader}. */
    public TlsTransportProvider() {
        // nothing to set up: create() does the work
    }

    @Override
    public String type() {
        return "tls";
    }

    @Override
    public Transport create(ProviderConfig config) {
        TlsSettings settings = TlsSettings.parse(config);
        return TlsTransport.deferred(settings.limits(), settings::load, settings::version, settings.presentsWorkerIdentity());
    }
}
