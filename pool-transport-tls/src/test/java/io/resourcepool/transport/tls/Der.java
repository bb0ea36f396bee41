package io.resourcepool.transport.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** DER of BouncyCastle objects, for tests. */
final class Der {
    private Der() {}

    static byte[] of(PKCS10CertificationRequest request) {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
