package io.resourcepool.launcher.client;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS for HTTPS clients that trust one CA, read from its PEM file, and check the server's name as curl does. */
public final class TrustedCa {
    private TrustedCa() {}

    /**
     * A TLS context that trusts only this CA.
     *
     * @param caFile the CA certificate in PEM, such as the hub's {@code tls/ca.pem}
     * @return the context
     * @throws Exception when the file cannot be read or is not a certificate
     */
    public static SSLContext context(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry("hub-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
