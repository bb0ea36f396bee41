package io.resourcepool.transport.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Makes the JDK's PKIX trust manager for one CA, or the pinned one, from a {@link PeerTrust}. */
final class TrustManagers {
    private TrustManagers() {}

    static X509ExtendedTrustManager of(PeerTrust trust) {
        return switch (trust) {
            case PeerTrust.CaCertificate ca -> anchoredOn(ca.certificate());
            case PeerTrust.PinnedCa pin -> new PinnedCaTrustManager(pin.fingerprint());
        };
    }

    static X509ExtendedTrustManager anchoredOn(X509Certificate ca) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            TrustManager[] managers = factory.getTrustManagers();
            return Arrays.stream(managers)
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the JDK offers no X509ExtendedTrustManager for PKIX"));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust manager for " + ca.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }
}
