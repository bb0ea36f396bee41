package io.resourcepool.http.server;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.api.spi.transport.KeyMaterialFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an operator's certificate from its PEM files and follows their renewals (certbot replaces them every 60
 * days or so) without a restart: at every check it compares the files' modification times and sizes with those
 * of the pair it serves, and when they changed, reads and checks the pair again and serves it from the next
 * handshake on. A pair that does not pass (half-written, a key of another certificate, expired) is not served: the
 * current certificate stays, a warning says why, and the next change is checked again.
 *
 * <p>Ownership: a Jetty bean; it starts its one timer thread ({@code https-certificate-watch}) with the server
 * and stops it with the server.
 */
public final class CertificateWatch extends PeriodicCheck {
    private static final Logger log = LoggerFactory.getLogger(CertificateWatch.class);

    private final KeyMaterialFiles files;
    private final InstantSource clock;
    private final ServedCertificate served;
    private volatile Stamps servedStamps;
    private volatile Optional<Stamps> refusedStamps = Optional.empty();

    /** What a check did. */
    public enum Outcome {
        /** The files are those being served. */
        UNCHANGED,
        /** The files changed and their new pair is served. */
        RELOADED,
        /** The files changed but their pair does not pass; the current certificate stays. */
        REFUSED
    }

    /**
     * Reads the pair, to serve it.
     *
     * @param files the operator's files
     * @param clock the time the certificate must be valid at
     * @param interval how often to check the files once started; {@link Duration#ZERO} for never
     * @throws ConfigurationException when the pair does not pass {@link KeyMaterialFiles#read}
     */
    public CertificateWatch(KeyMaterialFiles files, InstantSource clock, Duration interval) {
        super("https-certificate-watch", zeroOrPositive(interval), log);
        this.files = Objects.requireNonNull(files, "files must be given");
        this.clock = Objects.requireNonNull(clock, "clock must be given");
        // the stamps come first: a change made while the files are read is then seen by the first check
        Optional<Stamps> before = stamps();
        this.served = new ServedCertificate(files.read(clock.instant()));
        this.servedStamps = before.or(this::stamps).orElseThrow(() -> new ConfigurationException("the HTTPS certificate files "
                + files.certificateChain() + " and " + files.privateKey() + " vanished while they were read; start again"));
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
     * Checks the files now, as the timer does.
     *
     * @return what the check did
     */
    public synchronized Outcome check() {
        Optional<Stamps> now = stamps();
        if (now.isEmpty() || now.get().equals(servedStamps)) {
            return Outcome.UNCHANGED;
        }
        try {
            KeyMaterial renewed = files.read(clock.instant());
            served.replace(renewed);
            servedStamps = now.get();
            refusedStamps = Optional.empty();
            log.info("HTTPS now serves the renewed certificate {} (expires {}, sha256 {})", renewed.certificate().getSubjectX500Principal().getName(),
                    renewed.certificate().getNotAfter().toInstant(), CertificateFingerprint.of(renewed.certificate()));
            return Outcome.RELOADED;
        } catch (ConfigurationException e) {
            if (!refusedStamps.equals(now)) {
                log.warn("HTTPS keeps serving its current certificate (expires {}): the changed files are not usable: {}",
                        served.certificate().getNotAfter().toInstant(), e.getMessage());
            }
            refusedStamps = now;
            return Outcome.REFUSED;
        }
    }


    @Override
    void checkOnce() {
        check();
    }

    @Override
    String failureMessage() {
        // the next renewal must not go unseen
        return "checking the HTTPS certificate files failed";
    }

    private static Duration zeroOrPositive(Duration interval) {
        Objects.requireNonNull(interval, "interval must be given");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must be zero (never check) or positive, was " + interval);
        }
        return interval;
    }

    /** Files being replaced may be missing for a moment: no stamps then, and the next check looks again. */
    private Optional<Stamps> stamps() {
        try {
            return Optional.of(new Stamps(Stamp.of(files.certificateChain()), Stamp.of(files.privateKey())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private record Stamp(FileTime modified, long size) {
        static Stamp of(Path file) throws IOException {
            return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
        }
    }

    private record Stamps(Stamp chain, Stamp key) {}
}
