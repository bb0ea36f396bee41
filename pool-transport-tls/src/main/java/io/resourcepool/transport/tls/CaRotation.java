package io.resourcepool.transport.tls;

import io.resourcepool.api.KeySeal;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;

/**
 * The two steps of replacing the hub's own CA in {@code DATA/tls/}, run on the hub's files while the hub runs (it
 * reloads them by itself, see {@link HubCertificateAuthority#reloadIfChanged()}); docs/OPERATIONS.md has the procedure.
 */
public final class CaRotation {
    private CaRotation() {}

    /**
     * Starts a rotation of the CA in {@code dataDir/tls/}: a new CA signs workers' certificates from now on, while
     * the old one stays trusted (and keeps signing the hub's server certificate, so workers that know only the old
     * CA still trust the hub) until {@link #retire}. A running hub picks the change up by itself within a second,
     * and asks its connected workers to renew, which teaches them the new CA.
     *
     * @param dataDir the hub's data directory
     * @param clock the time source for validity periods
     * @param seal the seal of the key files
     * @return the new CA's fingerprint
     * @throws ConfigurationException when a rotation is under way already
     */
    public static CertificateFingerprint rotate(Path dataDir, InstantSource clock, KeySeal seal) {
        return CertificateFingerprint.of(new HubTlsDirectory(dataDir, clock, new SecureRandom(), seal).rotate().certificate());
    }

    /**
     * Ends a rotation of the CA in {@code dataDir/tls/}: the old CA is no longer trusted, and the hub serves with a
     * certificate from the new one. Do it once every worker has renewed from the new CA.
     *
     * @param dataDir the hub's data directory
     * @param clock the time source for validity periods
     * @param seal the seal of the key files
     * @return the retired CA's fingerprint
     * @throws ConfigurationException when no rotation is under way
     */
    public static CertificateFingerprint retire(Path dataDir, InstantSource clock, KeySeal seal) {
        return CertificateFingerprint.of(new HubTlsDirectory(dataDir, clock, new SecureRandom(), seal).retire());
    }

}
