package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Secret;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    /** "é" is two bytes in UTF-8, so 36 of them make 72 bytes out of 36 characters. */
    private static final String SEVENTY_TWO_BYTES = "é".repeat(36);
    private static final PasswordPolicy POLICY = PasswordPolicy.defaults();

    @Test
    void passwordOf72BytesIsAccepted() {
        Secret password = Secret.of(SEVENTY_TWO_BYTES);

        assertThat(POLICY.check(password)).isSameAs(password);
        assertThat(PasswordPolicy.fitsBcrypt(password)).isTrue();
    }

    @Test
    void passwordOf73BytesIsRefusedWithAClearMessage() {
        Secret password = Secret.of(SEVENTY_TWO_BYTES + "a");

        assertThatThrownBy(() -> POLICY.check(password))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("passwords may be at most 72 bytes in UTF-8 (this one is 73); bcrypt would silently ignore the rest");
        assertThat(PasswordPolicy.fitsBcrypt(password)).isFalse();
    }

    @Test
    void lengthIsCountedInBytesNotCharacters() {
        assertThat(PasswordPolicy.utf8Length(Secret.of("aé€😀"))).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void eightyBytePasswordIsRefusedNamingItsLength() {
        assertThatThrownBy(() -> POLICY.check(Secret.of("x".repeat(80))))
                .hasMessage("passwords may be at most 72 bytes in UTF-8 (this one is 80); bcrypt would silently ignore the rest");
    }

    @Test
    void shortPasswordIsRefused() {
        assertThatThrownBy(() -> POLICY.check(Secret.of("seven77")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("passwords must be at least 8 bytes in UTF-8 (this one is 7)");
        assertThat(POLICY.check(Secret.of("eight888")).reveal()).hasSize(8);
    }

    @Test
    void messagesNeverQuoteThePassword() {
        assertThatThrownBy(() -> POLICY.check(Secret.of("tiny")))
                .message().doesNotContain("tiny");
    }
}
