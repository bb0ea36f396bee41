package io.resourcepool.core.hub;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.transport.CertificateIssuer;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.core.auth.JoinTokens;
import io.resourcepool.core.protocol.EnrolmentMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits a machine: spends its join token, chooses its node name (from its host name, made unique), has the
 * CA sign its request under that name, and records the node. The token is checked before any signing, so an
 * unknown token costs no cryptography.
 *
 * <p>It also renews an enrolled worker's certificate, asked over that worker's own connection: the node's record
 * then names the new certificate. Until the worker connects with it, the certificate it replaced is still accepted
 * (remembered in memory only), so a renewal whose answer was lost does not lock the worker out.
 */
final class Enrolment {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final JoinTokens joinTokens;
    private final Optional<CertificateIssuer> issuer;
    private final InstantSource clock;
    private final Duration validity;
    private final List<Secret> decoys;
    private final Map<NodeId, String> replacedSerials = new ConcurrentHashMap<>();

    Enrolment(Store store, JoinTokens joinTokens, Optional<CertificateIssuer> issuer, InstantSource clock, Duration validity,
            List<Secret> decoys) {
        this.decoys = decoys;
        this.store = store;
        this.joinTokens = joinTokens;
        this.issuer = issuer;
        this.clock = clock;
        this.validity = validity;
    }

    Optional<String> caFingerprint() {
        return issuer.map(CertificateIssuer::caFingerprint);
    }

    EnrolmentMessage.Enrolled enroll(EnrolmentMessage.Enroll request, String source) {
        CertificateIssuer ca = issuer.orElseThrow(() -> new PermissionDeniedException("this hub has no certificate authority, so it cannot enroll machines"));
        NodeId node = nameFor(request.hostname());
        Secret offered = Secret.of(request.joinToken());
        if (decoys.stream().anyMatch(offered::matches)) {
            store.audit().append(new AuditEvent(clock.instant(), "node:" + node, "honeypot.join-token", node.value(), source,
                    "enrolment with a decoy join token"));
            throw new AuthenticationException(JoinTokens.REDEEM_FAILED);
        }
        try {
            joinTokens.redeem(Secret.of(request.joinToken()), node, clock.instant());
        } catch (AuthenticationException e) {
            store.audit().append(new AuditEvent(clock.instant(), "node:" + node, "node.enrol-failed", node.value(), source, "join token refused"));
            throw e;
        }
        String chain = ca.issueWorkerCertificate(request.csr(), node, validity);
        String serial = serialOf(chain);
        store.nodes().saveEnrolment(NodeRecord.enrolled(node, request.hostname(), serial, clock.instant()));
        store.audit().append(new AuditEvent(clock.instant(), "node:" + node, "node.enrolled", node.value(), source,
                "host " + request.hostname() + ", certificate " + serial));
        return new EnrolmentMessage.Enrolled(request.requestId(), node.value(), chain);
    }

    /**
     * Signs a new certificate for a registered worker's new key, records it as the node's, and audits it.
     *
     * @param node the node the connection proved to be
     * @param current the certificate the connection presented
     * @param request the worker's request
     * @param source the connection's remote address
     * @param currentKey the public key of the certificate presented, where the transport gives it: a request for that
     *     same key is refused
     * @return the answer, with the CAs the worker is to trust from now on
     * @throws AuthenticationException when the node was removed, its certificate has ended or was replaced meanwhile
     */
    EnrolmentMessage.Renewed renew(NodeId node, PeerCertificate current, EnrolmentMessage.Renew request, String source,
            Optional<PublicKey> currentKey) {
        CertificateIssuer ca = issuer.orElseThrow(() -> new PermissionDeniedException("this hub has no certificate authority, so it cannot renew certificates"));
        if (current.expiredAt(clock.instant())) {
            throw new AuthenticationException(expiredMessage(node, current));
        }
        currentKey.ifPresent(key -> ca.requireNewKey(request.csr(), key));
        String chain = ca.renewWorkerCertificate(request.csr(), node, validity);
        String serial = serialOf(chain);
        // a worker that never got its last renewal's answer renews from the certificate that one replaced
        String replaced = current.serialHex().equalsIgnoreCase(replacedSerials.get(node))
                ? store.nodes().findNode(node).map(NodeRecord::certificateSerial).orElse(current.serialHex()) : current.serialHex();
        if (!store.nodes().replaceCertificate(node, replaced, serial)) {
            // removed meanwhile, or this connection's certificate was replaced already: the signed one is never handed out
            throw new AuthenticationException("node " + node + " was removed from the pool, or its certificate replaced, while it renewed;"
                    + " connect again, or enrol again with a new join token");
        }
        replacedSerials.put(node, current.serialHex());
        store.audit().append(new AuditEvent(clock.instant(), "node:" + node, "node.cert.renewed", node.value(), source,
                "certificate " + replaced + " replaced by " + serial + ", valid for " + validity.toDays() + " days"));
        return new EnrolmentMessage.Renewed(request.requestId(), chain, ca.trustedCaCertificates());
    }

    /**
     * The record of the node a worker's certificate names, when the certificate may act for it: the node is not
     * removed, the certificate has not ended and it is the one the hub last issued to the node (or, until the
     * worker connects with that one, the one a renewal replaced).
     *
     * @param certificate the certificate the worker presented
     * @return the node's record
     * @throws AuthenticationException when it may not, saying what the worker is to do
     */
    NodeRecord recognised(PeerCertificate certificate) {
        NodeId id;
        try {
            id = NodeId.of(certificate.commonName());
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("this certificate names no node; enroll with a join token");
        }
        Optional<NodeRecord> stored = store.nodes().findNode(id);
        if (stored.isPresent() && stored.get().revokedAt().isPresent()) {
            throw new AuthenticationException("node " + id + " was removed from the pool: its certificate is revoked; enroll again with a new join token");
        }
        if (certificate.expiredAt(clock.instant())) {
            throw new AuthenticationException(expiredMessage(id, certificate));
        }
        return stored.filter(n -> recognises(n, certificate))
                .orElseThrow(() -> new AuthenticationException("certificate of node " + id
                        + " is not recognised (revoked, replaced or never issued by this hub); enroll again with a new join token"));
    }

    /**
     * Says whether a certificate is the one the node's record names or, until the worker connects with that one,
     * the one a renewal replaced.
     */
    private boolean recognises(NodeRecord stored, PeerCertificate certificate) {
        if (stored.certificateSerial().equalsIgnoreCase(certificate.serialHex())) {
            replacedSerials.remove(stored.id());
            return true;
        }
        return certificate.serialHex().equalsIgnoreCase(replacedSerials.get(stored.id()));
    }

    /** Says whether a worker's certificate comes from another CA than the one signing now (after a CA rotation). */
    boolean fromRetiringCa(PeerCertificate certificate) {
        return issuer.isPresent() && !issuer.get().isFromSigningCa(certificate);
    }

    static String expiredMessage(NodeId node, PeerCertificate certificate) {
        return "the certificate of node " + node + " expired at " + certificate.notAfter().map(Object::toString).orElse("?")
                + "; this worker must enrol again with a new join token (an admin makes one with `pool admin join-token create`)";
    }

    private NodeId nameFor(String hostname) {
        String base = hostname.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        base = base.isEmpty() ? "node" : base.substring(0, Math.min(base.length(), 50)).replaceAll("-+$", "");
        while (true) {
            byte[] suffix = new byte[2];
            RANDOM.nextBytes(suffix);
            NodeId candidate = NodeId.of(base + "-" + HexFormat.of().formatHex(suffix));
            if (store.nodes().findNode(candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    static String serialOf(String chainPem) {
        return leafOf(chainPem).getSerialNumber().toString(16);
    }

    /** The first certificate of a chain the CA returned. */
    static X509Certificate leafOf(String chainPem) {
        try {
            var certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)));
            return (X509Certificate) certs.iterator().next();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the certificate authority returned an unreadable certificate", e);
        }
    }
}
