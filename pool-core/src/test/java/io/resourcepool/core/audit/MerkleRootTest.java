package io.resourcepool.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleRootTest {
    private static final String A = "aa".repeat(32);
    private static final String B = "bb".repeat(32);
    private static final String C = "cc".repeat(32);

    @Test
    void followsRfc6962ForLeavesAndNodes() throws Exception {
        byte[] leafA = sha(new byte[] {0}, HexFormat.of().parseHex(A));
        byte[] leafB = sha(new byte[] {0}, HexFormat.of().parseHex(B));
        byte[] leafC = sha(new byte[] {0}, HexFormat.of().parseHex(C));
        byte[] ab = sha(new byte[] {1}, leafA, leafB);

        assertThat(MerkleRoot.of(List.of(A))).isEqualTo(HexFormat.of().formatHex(leafA));
        assertThat(MerkleRoot.of(List.of(A, B, C))).isEqualTo(HexFormat.of().formatHex(sha(new byte[] {1}, ab, leafC)));
    }

    @Test
    void orderMatters() {
        assertThat(MerkleRoot.of(List.of(A, B))).isNotEqualTo(MerkleRoot.of(List.of(B, A)));
    }

    @Test
    void aDayWithoutRowsHasNoRoot() {
        assertThatThrownBy(() -> MerkleRoot.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] sha(byte[]... parts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            sha.update(part);
        }
        return sha.digest();
    }
}
