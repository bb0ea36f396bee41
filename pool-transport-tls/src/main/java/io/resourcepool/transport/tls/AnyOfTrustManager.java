package io.resourcepool.transport.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a chain that any of its trust managers accepts ({@link PeerTrust.AnyOf}); when none does, the first one's
 * refusal is reported, with the others' attached as suppressed.
 */
final class AnyOfTrustManager extends X509ExtendedTrustManager {
    private final List<X509ExtendedTrustManager> managers;

    AnyOfTrustManager(List<X509ExtendedTrustManager> managers) {
        this.managers = List.copyOf(managers);
    }

    /** One trust check, which may refuse. */
    private interface Check {
        void run(X509ExtendedTrustManager manager) throws CertificateException;
    }

    private void anyAccepts(Check check) throws CertificateException {
        CertificateException first = null;
        for (X509ExtendedTrustManager manager : managers) {
            try {
                check.run(manager);
                return;
            } catch (CertificateException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        throw first;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anyAccepts(m -> m.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anyAccepts(m -> m.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anyAccepts(m -> m.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anyAccepts(m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anyAccepts(m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anyAccepts(m -> m.checkServerTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers())).toArray(X509Certificate[]::new);
    }
}
