package io.resourcepool.transport.tls;

import io.resourcepool.api.spi.transport.PeerCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Names the peer: its verified certificate, and its address as {@code ip:port}. */
final class PeerCertificates {
    private PeerCertificates() {}

    /**
     * The identity in a session's peer certificate. The session exists only after the trust manager
     * accepted the chain, so whatever it holds is verified.
     */
    static Optional<PeerCertificate> of(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                return Optional.of(new PeerCertificate(commonName(leaf), leaf.getSerialNumber().toString(16),
                        leaf.getIssuerX500Principal().getName(), Optional.of(leaf.getNotAfter().toInstant())));
            }
            return Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** The subject's common name, or the whole subject when it has none. */
    static String commonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] names = subject.getRDNs(BCStyle.CN);
        if (names.length == 0) {
            return certificate.getSubjectX500Principal().getName();
        }
        return IETFUtils.valueToString(names[0].getFirst().getValue());
    }

    static String address(Socket socket) {
        return address(socket.getInetAddress(), socket.getPort());
    }

    static String address(InetSocketAddress address) {
        return address.isUnresolved() ? address.getHostString() + ":" + address.getPort() : address(address.getAddress(), address.getPort());
    }

    private static String address(InetAddress ip, int port) {
        if (ip == null) {
            return "unconnected";
        }
        String host = ip.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
