package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238's test vectors (appendix B, the SHA1 column), the window, and RFC 4648's base32 vectors. */
class TotpTest {
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void rfc6238VectorsForSha1(long epochSeconds, String expected) {
        long step = Totp.stepAt(Instant.ofEpochSecond(epochSeconds));

        assertThat(Totp.code(RFC_SEED, step, 8, "HmacSHA1")).isEqualTo(expected);
        assertThat(Totp.code(RFC_SEED, step)).isEqualTo(expected.substring(2));
    }

    @Test
    void aCodeMatchesItsOwnStepAndTheNeighboursOnly() {
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = Totp.stepAt(now);

        for (int offset = -1; offset <= 1; offset++) {
            assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + offset), now)).hasValue(step + offset);
        }
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, step + 2), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, "12345", now)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32FollowsRfc4648(String text, String encoded) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

        assertThat(Base32.encode(bytes)).isEqualTo(encoded);
        assertThat(Base32.decode(encoded.toLowerCase(java.util.Locale.ROOT) + "==")).isEqualTo(bytes);
    }

    @Test
    void base32RefusesOtherCharactersWithoutEchoingThem() {
        assertThatThrownBy(() -> Base32.decode("MZ1W")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not base32: character 3 is outside A-Z and 2-7");
    }

    @Test
    void sealedSeedsOpenOnlyForTheirUserAndWithTheirKey() {
        SeedVault vault = SeedVault.inMemory();
        String sealed = vault.seal("alice", RFC_SEED);

        assertThat(vault.open("alice", sealed)).isEqualTo(RFC_SEED);
        assertThat(sealed).doesNotContain(Base32.encode(RFC_SEED));
        assertThatThrownBy(() -> vault.open("bob", sealed)).hasMessageContaining("does not open");
        assertThatThrownBy(() -> SeedVault.inMemory().open("alice", sealed)).hasMessageContaining("does not open");
    }
}
