package io.resourcepool.http.agent;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.spi.transport.PeerCertificate;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Tells who an agent is from the client certificate it presented on the HTTPS connection. The TLS layer asks for a
 * certificate but takes any (so that browsers and the CLI, which present none, keep working, and so that a wrong one
 * is answered with a problem rather than a broken handshake); it has already proved that the peer holds the
 * certificate's key. Here the certificate must be signed by the hub's CA and valid now; the hub then checks that it
 * is the one it last issued to that node and not revoked.
 */
public final class AgentCertificates {
    private final X509Certificate ca;
    private final InstantSource clock;

    /**
     * Trusts one CA.
     *
     * @param ca the hub's CA certificate, which signs the agents' certificates
     * @param clock the time against which certificates are checked
     */
    public AgentCertificates(X509Certificate ca, InstantSource clock) {
        this.ca = Objects.requireNonNull(ca, "ca must be given");
        this.clock = Objects.requireNonNull(clock, "clock must be given");
    }

    /**
     * The CA certificate the agents' certificates chain to.
     *
     * @return the CA certificate
     */
    public X509Certificate ca() {
        return ca;
    }

    /**
     * The agent's identity.
     *
     * @param presented the chain the client presented, leaf first; empty when it presented none
     * @return the node name and serial of its certificate
     * @throws AuthenticationException when no certificate was presented, or it is not the hub CA's or not valid now
     */
    public PeerCertificate identify(List<X509Certificate> presented) {
        if (presented.isEmpty()) {
            throw new AuthenticationException("agent endpoints need the client certificate this hub issued at enrolment;"
                    + " connect with it, or enrol first with POST /v1/agents/enrol and a join token");
        }
        X509Certificate leaf = presented.get(0);
        try {
            leaf.verify(ca.getPublicKey());
            leaf.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("the client certificate was not issued by this hub's CA or is not valid now;"
                    + " enrol again with a new join token");
        }
        return new PeerCertificate(commonName(leaf), leaf.getSerialNumber().toString(16));
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // falls through: a certificate of this CA always names its node
        }
        throw new AuthenticationException("the client certificate names no node; enrol again with a new join token");
    }
}
