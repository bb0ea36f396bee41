package io.resourcepool.core.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency) over a list of row hashes: a leaf is
 * SHA-256(0x00 || row hash), a node SHA-256(0x01 || left || right), the left subtree the largest power of two
 * below the count. One root stands for a whole day of rows, and a later proof that one row was in it needs
 * only a logarithmic path.
 */
final class MerkleRoot {
    private MerkleRoot() {}

    /**
     * The root.
     *
     * @param rowHashes the rows' hashes in hex, in sequence order; at least one
     * @return the root in hex
     */
    static String of(List<String> rowHashes) {
        if (rowHashes.isEmpty()) {
            throw new IllegalArgumentException("a day root needs at least one row");
        }
        List<byte[]> level = new ArrayList<>(rowHashes.size());
        for (String hash : rowHashes) {
            level.add(digest((byte) 0, HexFormat.of().parseHex(hash), new byte[0]));
        }
        return HexFormat.of().formatHex(subtree(level, 0, level.size()));
    }

    private static byte[] subtree(List<byte[]> leaves, int from, int to) {
        int count = to - from;
        if (count == 1) {
            return leaves.get(from);
        }
        int split = Integer.highestOneBit(count - 1);
        return digest((byte) 1, subtree(leaves, from, from + split), subtree(leaves, from + split, to));
    }

    private static byte[] digest(byte prefix, byte[] left, byte[] right) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prefix);
            sha.update(left);
            sha.update(right);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
