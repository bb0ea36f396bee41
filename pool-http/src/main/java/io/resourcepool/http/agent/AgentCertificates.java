package io.resourcepool.http.agent;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.spi.transport.PeerCertificate;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Tells who an agent is from the client certificate it presented on the HTTPS connection. The TLS layer asks for a
 * certificate but takes any (so that browsers and the CLI, which present none, keep working, and so that a wrong one
 * is answered with a problem rather than a broken handshake); it has already proved that the peer holds the
 * certificate's key. Here the certificate must be signed by one of the hub's CAs (two during a CA rotation) and valid
 * now; the hub then checks that it is the one it last issued to that node and not revoked.
 */
public final class AgentCertificates {
    private final Supplier<List<X509Certificate>> cas;
    private final InstantSource clock;

    /**
     * Trusts the hub's CAs as they are at each request.
     *
     * @param cas the CA certificates that sign the agents' certificates now, the signing one first
     * @param clock the time against which certificates are checked
     */
    public AgentCertificates(Supplier<List<X509Certificate>> cas, InstantSource clock) {
        this.cas = Objects.requireNonNull(cas, "cas must be given");
        this.clock = Objects.requireNonNull(clock, "clock must be given");
    }

    /**
     * The CA certificates the agents' certificates may chain to now.
     *
     * @return the CA certificates, the signing one first
     */
    public List<X509Certificate> cas() {
        return List.copyOf(cas.get());
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
        if (cas.get().stream().noneMatch(ca -> signedBy(leaf, ca)) || !validNow(leaf)) {
            throw new AuthenticationException("the client certificate was not issued by this hub's CA or is not valid now;"
                    + " enrol again with a new join token");
        }
        return describe(leaf);
    }

    /**
     * A certificate of this hub's CA as the hub knows it, without checking it.
     *
     * @param certificate the certificate
     * @return its node name, serial, issuer and end
     */
    public static PeerCertificate describe(X509Certificate certificate) {
        return new PeerCertificate(commonName(certificate), certificate.getSerialNumber().toString(16),
                certificate.getIssuerX500Principal().getName(), Optional.of(certificate.getNotAfter().toInstant()));
    }

    private static boolean signedBy(X509Certificate leaf, X509Certificate ca) {
        try {
            leaf.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean validNow(X509Certificate leaf) {
        try {
            leaf.checkValidity(Date.from(clock.instant()));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
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
