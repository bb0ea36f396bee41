package io.resourcepool.api.spi.transport;

import io.resourcepool.api.ConfigurationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 digest of a certificate's DER encoding: how a worker pins its hub's CA.
 *
 * <p>It prints as lower-case hex pairs joined by colons ({@code 3f:a0:...}), the layout of
 * {@code openssl x509 -noout -fingerprint -sha256}, so an operator can check it with openssl. Parsing
 * accepts that form, plain hex, and either case.
 *
 * @param hex the digest as 64 lower-case hex digits, without separators
 */
public record CertificateFingerprint(String hex) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Checks the digits. */
    public CertificateFingerprint {
        Objects.requireNonNull(hex, "hex must be given");
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("hex must be 64 lower-case hex digits (a SHA-256 digest), was '" + abbreviate(hex) + "'");
        }
    }

    /**
     * The fingerprint of a certificate.
     *
     * @param certificate the certificate
     * @return its SHA-256 fingerprint
     */
    public static CertificateFingerprint of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new CertificateFingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate " + certificate.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a fingerprint as printed by {@link #toString()}, as plain hex, or as openssl prints it (upper
     * case, with an optional {@code sha256 Fingerprint=} prefix).
     *
     * @param text the fingerprint
     * @return the fingerprint
     * @throws ConfigurationException when the text is not 32 bytes of hex
     */
    public static CertificateFingerprint parse(String text) {
        Objects.requireNonNull(text, "fingerprint text must be given");
        String digits = text.strip().replaceFirst("(?i)^sha256 fingerprint=", "").replace(":", "").toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(digits).matches()) {
            throw new ConfigurationException("'" + abbreviate(text) + "' is not a SHA-256 certificate fingerprint: expected 64 hex digits,"
                    + " with or without colons, as the hub prints it");
        }
        return new CertificateFingerprint(digits);
    }

    /**
     * Says whether a certificate has this fingerprint.
     *
     * @param certificate the certificate
     * @return true when its SHA-256 digest matches
     */
    public boolean matches(X509Certificate certificate) {
        return equals(of(certificate));
    }

    /**
     * The display form: lower-case hex pairs joined by colons.
     *
     * @return for example {@code 3f:a0:...:9c}
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(95);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
