package io.resourcepool.http.server;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.transport.KeyMaterial;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The key and certificate chain the HTTPS listeners present, and the listeners' TLS factories that present it: a
 * {@link #replace} reaches every listener at once, for new handshakes; connections already open keep the
 * certificate they began with.
 */
public final class ServedCertificate {
    private final List<SslContextFactory> factories = new CopyOnWriteArrayList<>();
    private volatile KeyMaterial current;

    /**
     * Starts with an identity.
     *
     * @param identity the key and chain, leaf first
     */
    public ServedCertificate(KeyMaterial identity) {
        this.current = Objects.requireNonNull(identity, "identity must be given");
    }

    /**
     * The certificate presented now.
     *
     * @return the leaf certificate
     */
    public X509Certificate certificate() {
        return current.certificate();
    }

    /**
     * The chain presented now, leaf first.
     *
     * @return the chain
     */
    public List<X509Certificate> chain() {
        return current.certificateChain();
    }

    /** Loads the current identity into a listener's factory, not yet started, and keeps the factory for replacements. */
    void serveWith(SslContextFactory factory) {
        load(factory, current);
        factories.add(factory);
    }

    /**
     * Presents another identity from the next handshake on, on every listener.
     *
     * @param identity the new key and chain
     * @throws ConfigurationException when a listener cannot take it; the listeners not reached keep the old one
     */
    public synchronized void replace(KeyMaterial identity) {
        Objects.requireNonNull(identity, "identity must be given");
        for (SslContextFactory factory : factories) {
            try {
                factory.reload(f -> load(f, identity));
            } catch (Exception e) {
                throw new ConfigurationException("the HTTPS listener could not take the new certificate " + identity + ": " + e.getMessage(), e);
            }
        }
        current = identity;
    }

    private static void load(SslContextFactory factory, KeyMaterial identity) {
        char[] password = randomPassword();
        factory.setKeyStore(keyStore(identity, password));
        factory.setKeyStorePassword(new String(password));
    }

    private static KeyStore keyStore(KeyMaterial identity, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("hub", identity.privateKey(), password, identity.certificateChain().toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("cannot hold the HTTPS key " + identity + ": " + e.getMessage(), e);
        }
    }

    /** The key store lives in memory only; its password guards nothing on disk but must not be guessable. */
    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toCharArray();
    }
}
