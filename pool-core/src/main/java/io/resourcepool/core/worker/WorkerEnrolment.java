package io.resourcepool.core.worker;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.MachineIdentity;
import io.resourcepool.core.client.HubLink;
import io.resourcepool.core.net.HubDialer;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.MessageCodec;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's admission: it enrols with its join token the first time, and again only when its certificate has ended
 * and it was given a new token; with an ended certificate and no token it says what to do instead of connecting.
 */
final class WorkerEnrolment {
    private static final Logger log = LoggerFactory.getLogger(WorkerEnrolment.class);

    private final MachineIdentity identity;
    private final Optional<Secret> joinToken;
    private final CertificateRenewal renewal;

    WorkerEnrolment(MachineIdentity identity, Optional<Secret> joinToken, CertificateRenewal renewal) {
        this.identity = identity;
        this.joinToken = joinToken;
        this.renewal = renewal;
    }

    /**
     * Enrols when the worker has no certificate, or one that ended and a join token to replace it; then checks that
     * the certificate it will present has not ended.
     *
     * @throws AuthenticationException when the certificate has ended and there is no join token to enrol again
     */
    void enrolIfNeeded(HubDialer hubs, MessageCodec codec, WorkerConfig config, String software, Duration timeout) {
        if (!identity.isEnrolled() || (renewal.expired().isPresent() && joinToken.isPresent())) {
            enroll(hubs, codec, config, software, timeout);
        }
        renewal.expired().ifPresent(end -> {
            throw new AuthenticationException("this worker's certificate expired at " + end + ": it must enrol again with a new join token"
                    + " (an admin makes one with `pool admin join-token create`; start the worker with it)");
        });
    }

    private void enroll(HubDialer hubs, MessageCodec codec, WorkerConfig config, String software, Duration timeout) {
        try (HubLink enrolling = HubLink.open(hubs.connect(), codec, "worker", software, m -> {})) {
            String csr = identity.certificateSigningRequest(config.hostname());
            String token = joinToken.orElseThrow().reveal();
            EnrolmentMessage.Enrolled enrolled = enrolling.call(id -> new EnrolmentMessage.Enroll(id, token, csr, config.hostname()),
                    EnrolmentMessage.Enrolled.class, timeout);
            identity.install(enrolled.certificateChain());
            log.info("enrolled with hub {} as node {}", enrolling.connection().remoteAddress(), enrolled.nodeId());
        }
    }
}
