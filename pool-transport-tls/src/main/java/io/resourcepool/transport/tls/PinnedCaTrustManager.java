package io.resourcepool.transport.tls;

import io.resourcepool.api.spi.transport.CertificateFingerprint;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a chain only when it carries the CA certificate with the pinned fingerprint and that CA signed it
 * (checked by the JDK's PKIX validation with the pinned CA as the only anchor). This is how a worker
 * trusts its hub knowing nothing but the fingerprint the join-token command printed.
 */
final class PinnedCaTrustManager extends X509ExtendedTrustManager {
    private final CertificateFingerprint pinned;
    private volatile X509ExtendedTrustManager anchored;

    PinnedCaTrustManager(CertificateFingerprint pinned) {
        this.pinned = pinned;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anchoredOn(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anchoredOn(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anchoredOn(chain).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anchoredOn(chain).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anchoredOn(chain).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anchoredOn(chain).checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private X509ExtendedTrustManager anchoredOn(X509Certificate[] chain) throws CertificateException {
        X509ExtendedTrustManager known = anchored;
        if (known != null) {
            return known;
        }
        X509Certificate ca = Arrays.stream(chain == null ? new X509Certificate[0] : chain)
                .filter(c -> c.getBasicConstraints() >= 0 && pinned.matches(c))
                .findFirst()
                .orElseThrow(() -> new CertificateException("the peer's certificate chain does not carry the pinned CA "
                        + pinned + "; it offered " + describe(chain)));
        known = TrustManagers.anchoredOn(ca);
        anchored = known;
        return known;
    }

    private static String describe(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return "no certificate";
        }
        return Arrays.stream(chain)
                .map(c -> c.getSubjectX500Principal().getName() + " (sha256 " + CertificateFingerprint.of(c) + ")")
                .collect(Collectors.joining(", "));
    }
}
