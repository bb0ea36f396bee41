package io.resourcepool.http.server;

import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.api.spi.transport.KeyMaterial;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an identity held elsewhere and follows its replacements without a restart: the hub's own key and
 * certificate, which its CA reads again when the TLS directory changes (a new server certificate, a CA rotation or
 * retirement). At every check it asks the holder for its generation, which changes whenever what it holds does; on a
 * change the holder's identity is served from the next handshake on. Connections already open keep theirs.
 *
 * <p>Ownership: a Jetty bean; it starts its one timer thread ({@code https-identity-watch}) with the server and stops
 * it with the server. The holder is the caller's.
 */
public final class IdentityWatch extends PeriodicCheck {
    private static final Logger log = LoggerFactory.getLogger(IdentityWatch.class);

    private final Supplier<KeyMaterial> identity;
    private final LongSupplier generation;
    private final ServedCertificate served;
    private long servedGeneration;

    /**
     * Serves the holder's identity now.
     *
     * @param identity what the holder holds now
     * @param generation the holder's generation; asking it may make the holder look for a change (at most once a
     *     second for the hub's CA)
     * @param interval how often to check once started; must be positive
     */
    public IdentityWatch(Supplier<KeyMaterial> identity, LongSupplier generation, Duration interval) {
        super("https-identity-watch", positive(interval), log);
        this.identity = Objects.requireNonNull(identity, "identity must be given");
        this.generation = Objects.requireNonNull(generation, "generation must be given");
        // the generation comes first: a change made while the identity is read is then seen by the first check
        this.servedGeneration = generation.getAsLong();
        this.served = new ServedCertificate(identity.get());
    }

    /**
     * The certificate as served, for the listeners.
     *
     * @return the served certificate
     */
    public ServedCertificate served() {
        return served;
    }

    /**
     * Checks the holder now, as the timer does.
     *
     * @return true when it held another identity, now served
     * @throws io.resourcepool.api.ConfigurationException when a listener cannot take it; the listeners keep what they served
     */
    public synchronized boolean check() {
        long now = generation.getAsLong();
        if (now == servedGeneration) {
            return false;
        }
        // a replacement the listeners refuse is not tried again (nor logged again) until the holder changes once more
        servedGeneration = now;
        KeyMaterial replacement = identity.get();
        served.replace(replacement);
        log.info("HTTPS now serves the hub's new certificate {} (expires {}, sha256 {})",
                replacement.certificate().getSubjectX500Principal().getName(), replacement.certificate().getNotAfter().toInstant(),
                CertificateFingerprint.of(replacement.certificate()));
        return true;
    }

    @Override
    void checkOnce() {
        check();
    }

    @Override
    String failureMessage() {
        // the listeners keep what they served, and the next change is tried
        return "serving the hub's new certificate on HTTPS failed; still serving the one before";
    }

    private static Duration positive(Duration interval) {
        Objects.requireNonNull(interval, "interval must be given");
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        return interval;
    }
}
