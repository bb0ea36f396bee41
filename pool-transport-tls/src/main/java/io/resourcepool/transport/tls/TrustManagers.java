package io.resourcepool.transport.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.CertPathTrustManagerParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Makes the JDK's PKIX trust manager for one CA or several, the pinned one, or a choice of them, from a {@link PeerTrust}. */
final class TrustManagers {
    private TrustManagers() {}

    static X509ExtendedTrustManager of(PeerTrust trust) {
        return switch (trust) {
            case PeerTrust.CaCertificate ca -> anchoredOn(ca.certificate());
            case PeerTrust.PinnedCa pin -> new PinnedCaTrustManager(pin.fingerprint());
            case PeerTrust.WorkerCas cas -> new WorkerCaTrustManager(cas.certificates());
            case PeerTrust.AnyOf any -> new AnyOfTrustManager(any.trusts().stream().map(TrustManagers::of).toList());
        };
    }

    static X509ExtendedTrustManager anchoredOn(X509Certificate ca) {
        return anchoredOn(List.of(ca), Optional.empty());
    }

    /**
     * PKIX with these anchors, judging validity periods now, or at the given moment (to check the chain of a
     * certificate that has ended as it stood on its last day).
     */
    static X509ExtendedTrustManager anchoredOn(List<X509Certificate> cas, Optional<Instant> at) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            if (at.isPresent()) {
                PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
                parameters.setRevocationEnabled(false);
                parameters.setDate(Date.from(at.get()));
                factory.init(new CertPathTrustManagerParameters(parameters));
            } else {
                factory.init(anchors);
            }
            TrustManager[] managers = factory.getTrustManagers();
            return Arrays.stream(managers)
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the JDK offers no X509ExtendedTrustManager for PKIX"));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust manager for " + cas.get(0).getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }
}
