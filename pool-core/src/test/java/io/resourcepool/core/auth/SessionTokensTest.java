package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Secret;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
    private final SessionTokens tokens = new SessionTokens(SessionKey.inMemory());

    @Test
    void issuedTokenCarries32RandomBytesAndAValidSignature() {
        Secret token = tokens.issue();

        String[] parts = token.reveal().split("\\.");
        assertThat(parts).hasSize(2);
        assertThat(Base64.getUrlDecoder().decode(parts[0])).hasSize(32);
        assertThat(Base64.getUrlDecoder().decode(parts[1])).hasSize(32);
        assertThat(tokens.verifySignature(token)).isTrue();
    }

    @Test
    void tokensDiffer() {
        assertThat(tokens.issue().reveal()).isNotEqualTo(tokens.issue().reveal());
    }

    @Test
    void everyChangedMacCharacterIsRefused() {
        String text = tokens.issue().reveal();
        int macStart = text.indexOf('.') + 1;
        // The last character of 43 holds only four bits of the MAC; change the others.
        for (int i = macStart; i < text.length() - 1; i++) {
            char other = text.charAt(i) == 'A' ? 'B' : 'A';
            Secret forged = Secret.of(text.substring(0, i) + other + text.substring(i + 1));
            assertThat(tokens.verifySignature(forged)).as("changed at %d", i).isFalse();
        }
    }

    @Test
    void changedRandomPartIsRefused() {
        String text = tokens.issue().reveal();
        char other = text.charAt(0) == 'A' ? 'B' : 'A';

        assertThat(tokens.verifySignature(Secret.of(other + text.substring(1)))).isFalse();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        Secret foreign = new SessionTokens(SessionKey.inMemory()).issue();

        assertThat(tokens.verifySignature(foreign)).isFalse();
    }

    @Test
    void malformedTokensAreRefused() {
        String good = tokens.issue().reveal();
        assertThat(tokens.verifySignature(Secret.of(""))).isFalse();
        assertThat(tokens.verifySignature(Secret.of("a.b"))).isFalse();
        assertThat(tokens.verifySignature(Secret.of(good.replace('.', '_')))).isFalse();
        assertThat(tokens.verifySignature(Secret.of(good + "A"))).isFalse();
        assertThat(tokens.verifySignature(Secret.of("*".repeat(43) + "." + good.substring(44)))).isFalse();
    }

    @Test
    void storedFormIsTheSha256HexOfTheToken() {
        Secret token = tokens.issue();

        String hash = SessionTokens.hashOf(token);

        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(SessionTokens.hashOf(Secret.of(token.reveal())));
        assertThat(hash).isNotEqualTo(SessionTokens.hashOf(tokens.issue()));
    }
}
