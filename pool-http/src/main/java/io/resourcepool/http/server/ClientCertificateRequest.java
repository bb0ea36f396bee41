package io.resourcepool.http.server;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A listener's TLS that asks clients for a certificate of the hub's CAs and lets the handshake take any certificate the client
 * proves it holds the key of: which one is acceptable is the endpoint's to decide, so that a wrong one gets a problem
 * document naming the fault. The CAs are named in the request so that a browser offers none of its own certificates.
 * This listener serves, and so checks no server certificate.
 */
final class ClientCertificateRequest extends SslContextFactory.Server {
    private final Supplier<List<X509Certificate>> cas;

    ClientCertificateRequest(Supplier<List<X509Certificate>> cas) {
        this.cas = cas;
    }

    @Override
    protected TrustManager[] getTrustManagers(java.security.KeyStore trustStore, Collection<? extends java.security.cert.CRL> crls) {
        return new TrustManager[] {new AnyClientNamingCa(cas)};
    }

    /** Takes any client chain; names the CAs trusted now (during a CA rotation, two) as the ones accepted. */
    private static final class AnyClientNamingCa extends X509ExtendedTrustManager {
        private final Supplier<List<X509Certificate>> cas;

        AnyClientNamingCa(Supplier<List<X509Certificate>> cas) {
            this.cas = cas;
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
            return cas.get().toArray(X509Certificate[]::new);
        }
    }
}
