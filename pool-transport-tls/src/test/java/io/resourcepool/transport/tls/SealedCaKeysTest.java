package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.Secret;
import io.resourcepool.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA's and the server's private keys sealed at rest: no PEM key in the data directory, the same CA with the seal. */
class SealedCaKeysTest {
    private static final KeySeal SEAL = KeySeal.under(Secret.of("a-sealing-secret-of-enough-length-0123456789"));
    private final ManualClock clock = ManualClock.startingAt(java.time.Instant.now());

    @TempDir
    Path dataDir;

    @Test
    void sealedPrivateKeysHoldNoPemAndOpenToTheSameCa() throws Exception {
        HubCertificateAuthority made = HubCertificateAuthority.openOrCreate(dataDir, clock, SEAL);

        for (String key : new String[] {HubTlsDirectory.CA_KEY, HubTlsDirectory.HUB_KEY}) {
            String stored = Files.readString(dataDir.resolve("tls").resolve(key), StandardCharsets.US_ASCII);
            assertThat(stored).startsWith(KeySeal.MAGIC).doesNotContain("PRIVATE KEY");
        }
        assertThat(HubCertificateAuthority.openOrCreate(dataDir, clock, SEAL).fingerprint()).isEqualTo(made.fingerprint());
        assertThatThrownBy(() -> HubCertificateAuthority.openOrCreate(dataDir, clock)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is sealed");
    }

    @Test
    void unsealedKeysAreSealedInPlace() throws Exception {
        HubCertificateAuthority made = HubCertificateAuthority.openOrCreate(dataDir, clock);
        assertThat(Files.readString(dataDir.resolve("tls").resolve(HubTlsDirectory.CA_KEY))).contains("PRIVATE KEY");

        HubCertificateAuthority sealed = HubCertificateAuthority.openOrCreate(dataDir, clock, SEAL);

        assertThat(sealed.fingerprint()).isEqualTo(made.fingerprint());
        assertThat(Files.readString(dataDir.resolve("tls").resolve(HubTlsDirectory.CA_KEY))).startsWith(KeySeal.MAGIC);
        assertThat(Files.readString(dataDir.resolve("tls").resolve(HubTlsDirectory.HUB_KEY))).startsWith(KeySeal.MAGIC);
    }
}
