package io.resourcepool.launcher;

import io.resourcepool.launcher.client.TrustedCa;
import io.resourcepool.testkit.certs.TestIdentity;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

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
        context.init(new KeyManager[] {new Always(certificate.get())}, trustManagers.getTrustManagers(), null);
        return context;
    }

    /** Presents one certificate to any server that asks. */
    private static final class Always extends X509ExtendedKeyManager {
        private static final String ALIAS = "agent";
        private final TestIdentity identity;

        Always(TestIdentity identity) {
            this.identity = identity;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return identity.certificateChain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return identity.privateKey();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
