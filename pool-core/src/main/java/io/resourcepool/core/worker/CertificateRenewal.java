package io.resourcepool.core.worker;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.spi.transport.MachineIdentity;
import io.resourcepool.core.client.HubLink;
import io.resourcepool.core.protocol.EnrolmentMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker's certificate young: once only a given fraction of its life remains (a third by default), or when
 * the hub asks (after a CA rotation), the worker makes a new key and has the hub sign it over the connection it
 * already has. Tasks run on meanwhile; the new key and certificate are presented from the next connection on. A
 * failed attempt is tried again a minute later, while the old certificate still works.
 */
final class CertificateRenewal {
    private static final Logger log = LoggerFactory.getLogger(CertificateRenewal.class);
    /** The wait after a failed renewal before the next try. */
    static final Duration RETRY = Duration.ofMinutes(1);

    private final MachineIdentity identity;
    private final InstantSource clock;
    private final double remainingFraction;
    private volatile boolean requested;
    private Instant notBefore = Instant.MIN;

    CertificateRenewal(MachineIdentity identity, InstantSource clock, double remainingFraction) {
        this.identity = identity;
        this.clock = clock;
        this.remainingFraction = checkedFraction(remainingFraction);
    }

    /** The fraction of the certificate's life left when it is renewed, refused unless strictly between 0 and 1. */
    static double checkedFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new ConfigurationException("the fraction of a certificate's life left when it is renewed must be between 0 and 1"
                    + " (exclusive), was " + fraction);
        }
        return fraction;
    }

    /** The hub asked for a renewal now. */
    void requested(String reason) {
        log.info("the hub asks this worker to renew its certificate: {}", reason);
        requested = true;
    }

    /** When the installed certificate ended, if it has by this worker's clock. */
    Optional<Instant> expired() {
        Instant now = clock.instant();
        return identity.certificateNotAfter().filter(end -> !end.isAfter(now));
    }

    /** The moment the certificate is due for renewal: when {@code remainingFraction} of its life is left. */
    Optional<Instant> dueAt() {
        Optional<Instant> start = identity.certificateNotBefore();
        Optional<Instant> end = identity.certificateNotAfter();
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        long lifeMillis = Duration.between(start.get(), end.get()).toMillis();
        return Optional.of(end.get().minusMillis((long) (lifeMillis * remainingFraction)));
    }

    /**
     * Renews over the given connection when due or asked; the caller's session thread waits for the answer while
     * the link's reader goes on delivering tasks and acknowledgements.
     *
     * @return true when a new certificate was installed
     */
    boolean renewIfDue(HubLink link, Duration timeout) {
        Instant now = clock.instant();
        boolean due = requested || dueAt().filter(at -> !now.isBefore(at)).isPresent();
        if (!due || !identity.canRenew() || now.isBefore(notBefore)) {
            return false;
        }
        try {
            String csr = identity.renewalRequest();
            EnrolmentMessage.Renewed renewed = link.call(id -> new EnrolmentMessage.Renew(id, csr), EnrolmentMessage.Renewed.class, timeout);
            identity.installRenewal(renewed.certificateChain(), renewed.trustedCas());
            requested = false;
            log.info("renewed this worker's certificate with a new key; it is valid until {} and used from the next connection",
                    identity.certificateNotAfter().map(Object::toString).orElse("?"));
            return true;
        } catch (PoolException e) {
            notBefore = now.plus(RETRY);
            log.warn("renewing this worker's certificate failed: {}; trying again in {} s, the current one is valid until {}", e.getMessage(),
                    RETRY.toSeconds(), identity.certificateNotAfter().map(Object::toString).orElse("?"));
            return false;
        }
    }
}
