package io.resourcepool.core.hub;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.transport.CertificateIssuer;
import io.resourcepool.core.auth.JoinTokens;
import io.resourcepool.core.protocol.EnrolmentMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.List;
import java.util.Optional;

/**
 * Admits a machine: spends its join token, chooses its node name (from its host name, made unique), has the
 * CA sign its request under that name, and records the node. The token is checked before any signing, so an
 * unknown token costs no cryptography.
 */
final class Enrolment {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final JoinTokens joinTokens;
    private final Optional<CertificateIssuer> issuer;
    private final InstantSource clock;
    private final Duration validity;
    private final List<Secret> decoys;

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
        try {
            var certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)));
            X509Certificate first = (X509Certificate) certs.iterator().next();
            return first.getSerialNumber().toString(16);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the certificate authority returned an unreadable certificate", e);
        }
    }
}
