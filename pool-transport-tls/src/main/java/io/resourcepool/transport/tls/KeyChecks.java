package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

/** Checks that keys and certificates on disk belong together and are still good. */
final class KeyChecks {
    private KeyChecks() {}

    /** Whether the private key is the one behind the public key: it signs, the public key verifies. */
    static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = "EC".equals(privateKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + privateKey.getAlgorithm();
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static void requireMatch(PrivateKey key, X509Certificate certificate, String keyFile, String certificateFile) {
        if (!belongTogether(key, certificate.getPublicKey())) {
            throw new ConfigurationException("the key in " + keyFile + " does not belong to the certificate in " + certificateFile
                    + "; restore the matching pair");
        }
    }

    /** Whether {@code issuer} signed {@code certificate}. */
    static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the certificate is valid at {@code instant}. */
    static boolean validAt(X509Certificate certificate, Instant instant) {
        Date at = Date.from(instant);
        return !at.before(certificate.getNotBefore()) && !at.after(certificate.getNotAfter());
    }
}
