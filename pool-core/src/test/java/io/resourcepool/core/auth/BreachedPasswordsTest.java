package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The breached-password list in both forms: a small file in memory, a large sorted SHA-1 file searched on disk. */
class BreachedPasswordsTest {
    @TempDir
    Path dir;

    @Test
    void aSmallFileTakesPasswordsAndHashesInEitherCaseWithOrWithoutCounts() throws IOException {
        Path file = Files.writeString(dir.resolve("breached.txt"), String.join("\n",
                "password123",
                BreachedPasswords.sha1Hex("letmein-please").toLowerCase(java.util.Locale.ROOT) + ":42",
                BreachedPasswords.sha1Hex("correct horse") + "\r",
                ""));
        BreachedPasswords list = BreachedPasswords.load(file);

        assertThat(list.contains(Secret.of("password123"))).isTrue();
        assertThat(list.contains(Secret.of("letmein-please"))).isTrue();
        assertThat(list.contains(Secret.of("correct horse"))).isTrue();
        assertThat(list.contains(Secret.of("password1234"))).isFalse();
        assertThat(list.toString()).doesNotContain("password123");
    }

    @Test
    void aLargeSortedHashFileIsSearchedOnDiskForEveryLine() throws IOException {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            hashes.add(BreachedPasswords.sha1Hex("leaked-" + i));
        }
        hashes.sort(null);
        Path file = dir.resolve("pwned-ordered-by-hash.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < hashes.size(); i++) {
            text.append(hashes.get(i)).append(':').append(i % 977 + 1).append("\r\n");
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);

        BreachedPasswords list = BreachedPasswords.load(file, 1_000);

        assertThat(list.toString()).contains("sorted SHA-1 file");
        for (int i = 0; i < 2_000; i += 37) {
            assertThat(list.contains(Secret.of("leaked-" + i))).as("leaked-" + i).isTrue();
        }
        assertThat(list.contains(Secret.of("leaked-0"))).isTrue();
        assertThat(list.contains(Secret.of("leaked-1999"))).isTrue();
        assertThat(list.contains(Secret.of("never-leaked"))).isFalse();
        assertThat(list.contains(Secret.of("leaked-2000"))).isFalse();
    }

    @Test
    void aLargeFileThatIsNotSortedHashesIsRefusedSayingWhy() throws IOException {
        Path file = Files.writeString(dir.resolve("big.txt"), "password\n".repeat(200));

        assertThatThrownBy(() -> BreachedPasswords.load(file, 1_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must hold SHA-1 lines sorted by hash");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> BreachedPasswords.load(dir.resolve("absent.txt"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the breached-password list").hasMessageContaining("absent.txt");
    }

    @Test
    void thePolicyRefusesABreachedPasswordAndAShortOneByItsMinimum() throws IOException {
        PasswordPolicy policy = new PasswordPolicy(12, BreachedPasswords.load(Files.writeString(dir.resolve("b.txt"), "password12345\n")));

        assertThatThrownBy(() -> policy.check(Secret.of("password12345"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known from data breaches").message().doesNotContain("password12345");
        assertThatThrownBy(() -> policy.check(Secret.of("elevenchars"))).hasMessage("passwords must be at least 12 bytes in UTF-8 (this one is 11)");
        assertThat(policy.check(Secret.of("twelve-chars")).reveal()).hasSize(12);
        assertThatThrownBy(() -> new PasswordPolicy(7, BreachedPasswords.none())).hasMessageContaining("auth.password.min-length");
        assertThatThrownBy(() -> new PasswordPolicy(73, BreachedPasswords.none())).hasMessageContaining("between 8 and 72");
    }
}
