package io.resourcepool.transport.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The hub's trust in its workers ({@link PeerTrust.WorkerCas}): PKIX anchored on each CA the hub trusts (two while
 * it rotates its CA). A worker's certificate that has ended is checked as it stood on its last valid moment, and
 * let through the handshake, so the hub can tell the worker in words to enrol again instead of cutting the
 * handshake with an alert nobody can read. Everything else (signature, chain, key usage) is checked as usual.
 */
final class WorkerCaTrustManager extends X509ExtendedTrustManager {
    private final List<X509Certificate> cas;
    private final X509ExtendedTrustManager now;

    WorkerCaTrustManager(List<X509Certificate> cas) {
        this.cas = List.copyOf(cas);
        this.now = TrustManagers.anchoredOn(this.cas, Optional.empty());
    }

    private X509ExtendedTrustManager forClient(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return now;
        }
        Instant end = chain[0].getNotAfter().toInstant();
        return end.isBefore(Instant.now()) ? TrustManagers.anchoredOn(cas, Optional.of(end)) : now;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        forClient(chain).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        forClient(chain).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        forClient(chain).checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        now.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        now.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        now.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return now.getAcceptedIssuers();
    }
}
