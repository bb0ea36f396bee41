package io.resourcepool.http.server;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A listener's TLS that asks clients for a certificate of one CA and lets the handshake take any certificate the client
 * proves it holds the key of: which one is acceptable is the endpoint's to decide, so that a wrong one gets a problem
 * document naming the fault. The CA is named in the request so that a browser offers none of its own certificates.
 * This listener serves, and so checks no server certificate.
 */
final class ClientCertificateRequest extends SslContextFactory.Server {
    private final X509Certificate ca;

    ClientCertificateRequest(X509Certificate ca) {
        this.ca = ca;
    }

    @Override
    protected TrustManager[] getTrustManagers(java.security.KeyStore trustStore, Collection<? extends java.security.cert.CRL> crls) {
        return new TrustManager[] {new AnyClientNamingCa(ca)};
    }

    /** Takes any client chain; names the CA as the one accepted. */
    private static final class AnyClientNamingCa extends X509ExtendedTrustManager {
        private final X509Certificate ca;

        AnyClientNamingCa(X509Certificate ca) {
            this.ca = ca;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // checked by the endpoint that needs a certificate, against the CA
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // as above
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // as above
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a listener checks no server certificate");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a listener checks no server certificate");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a listener checks no server certificate");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {ca};
        }
    }
}
