package io.resourcepool.launcher;

import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.transport.tls.FixedKeyManager;
import io.resourcepool.launcher.client.TrustedCa;
import io.resourcepool.testkit.certs.TestIdentity;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for a test that speaks as an agent: trusts the hub's CA and presents the given certificate whatever CA the hub
 * names in its request (the JDK's own key manager would keep back one the hub does not name, and a test of a wrong
 * certificate must send it).
 */
final class AgentTls {
    private AgentTls() {}

    static SSLContext context(Path caFile, Optional<TestIdentity> certificate) throws Exception {
        if (certificate.isEmpty()) {
            return TrustedCa.context(caFile);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("hub-ca", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(java.nio.file.Files.newInputStream(caFile)));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new FixedKeyManager(
                new KeyMaterial(certificate.get().privateKey(), certificate.get().certificateChain()))}, trustManagers.getTrustManagers(), null);
        return context;
    }
}
