package io.resourcepool.testkit.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The throwaway certificates shipped with the test kit (see the package description). Everything is read
 * from class-path resources under {@code io/resourcepool/testkit/certs/}.
 */
public final class TestCertificates {
    private TestCertificates() {}

    /**
     * The server identity: {@code CN=localhost} with SANs {@code localhost}, {@code 127.0.0.1} and
     * {@code ::1}, server-auth only, signed by {@link #ca()}.
     *
     * @return the identity
     */
    public static TestIdentity server() {
        return identity("server");
    }

    /**
     * A worker's identity: {@code CN=test-worker}, client-auth only, signed by {@link #ca()}.
     *
     * @return the identity
     */
    public static TestIdentity client() {
        return identity("client");
    }

    /**
     * A client identity ({@code CN=rogue-worker}) signed by {@link #unrelatedCa()}, which a peer trusting
     * {@link #ca()} must refuse.
     *
     * @return the identity
     */
    public static TestIdentity unrelatedClient() {
        return identity("other-client");
    }

    /**
     * The test CA in PEM.
     *
     * @return the PEM text
     */
    public static String caPem() {
        return resource("test-ca.pem");
    }

    /**
     * The test CA that signed {@link #server()} and {@link #client()}.
     *
     * @return the certificate
     */
    public static X509Certificate ca() {
        return TestIdentity.parseCertificates(caPem()).get(0);
    }

    /**
     * The unrelated CA in PEM.
     *
     * @return the PEM text
     */
    public static String unrelatedCaPem() {
        return resource("other-ca.pem");
    }

    /**
     * A CA that has nothing to do with the test CA.
     *
     * @return the certificate
     */
    public static X509Certificate unrelatedCa() {
        return TestIdentity.parseCertificates(unrelatedCaPem()).get(0);
    }

    /**
     * The SHA-256 fingerprint of the test CA's DER encoding, in lower-case hex without separators.
     *
     * @return 64 hex digits
     */
    public static String caFingerprintHex() {
        return fingerprintHex(ca());
    }

    /**
     * The SHA-256 fingerprint of a certificate's DER encoding, in lower-case hex without separators.
     *
     * @param certificate the certificate
     * @return 64 hex digits
     */
    public static String fingerprintHex(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint a certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the test CA to {@code test-ca.pem} in a directory.
     *
     * @param directory where to write
     * @return the file
     */
    public static Path writeCa(Path directory) {
        return TestIdentity.write(directory.resolve("test-ca.pem"), caPem());
    }

    private static TestIdentity identity(String name) {
        return new TestIdentity(name, resource(name + ".pem"), resource(name + "-key.pem"));
    }

    private static String resource(String fileName) {
        try (InputStream in = TestCertificates.class.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException("test certificate resource " + fileName + " is missing from pool-testkit");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
