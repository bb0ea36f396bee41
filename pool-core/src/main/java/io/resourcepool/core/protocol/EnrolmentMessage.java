package io.resourcepool.core.protocol;

/** A machine joining the pool with a join token and a certificate signing request, and renewing its certificate later. */
public sealed interface EnrolmentMessage extends Message {

    /**
     * Ask to join.
     *
     * @param requestId the request id
     * @param joinToken the join token an admin made; never logged
     * @param csr the PKCS#10 certificate signing request, PEM
     * @param hostname the machine's host name, for people
     */
    record Enroll(long requestId, String joinToken, String csr, String hostname) implements EnrolmentMessage, Request {
        /** Checks the fields. */
        public Enroll {
            WireLimits.requestId(requestId);
            WireLimits.text(joinToken, "joinToken", WireLimits.SECRET_CHARS);
            WireLimits.text(csr, "csr", WireLimits.BLOB_CHARS);
            WireLimits.text(hostname, "hostname", WireLimits.SHORT_TEXT_CHARS);
        }

        @Override
        public String toString() {
            return "Enroll[requestId=" + requestId + ", hostname=" + hostname + "]";
        }
    }

    /**
     * Joined: the certificate to use from now on.
     *
     * @param requestId the id of the ENROLL
     * @param nodeId the name the hub chose
     * @param certificateChain the signed certificate and the CA, PEM
     */
    record Enrolled(long requestId, String nodeId, String certificateChain) implements EnrolmentMessage {
        /** Checks the fields. */
        public Enrolled {
            WireLimits.text(nodeId, "nodeId", WireLimits.NAME_CHARS);
            WireLimits.text(certificateChain, "certificateChain", WireLimits.BLOB_CHARS);
        }
    }

    /**
     * An enrolled worker asks, over its own mutual-TLS connection, for a certificate for a new key.
     *
     * @param requestId the request id
     * @param csr the PKCS#10 request for the new key, naming the node ({@code CN=<node>}), PEM
     */
    record Renew(long requestId, String csr) implements EnrolmentMessage, Request {
        /** Checks the fields. */
        public Renew {
            WireLimits.requestId(requestId);
            WireLimits.text(csr, "csr", WireLimits.BLOB_CHARS);
        }
    }

    /**
     * Renewed: the certificate to present from the next connection on.
     *
     * @param requestId the id of the RENEW_CERTIFICATE
     * @param certificateChain the new certificate and the CA that signed it, PEM
     * @param trustedCas the CAs the worker is to trust for the hub from now on (two during a CA rotation), PEM
     */
    record Renewed(long requestId, String certificateChain, String trustedCas) implements EnrolmentMessage {
        /** Checks the fields. */
        public Renewed {
            WireLimits.text(certificateChain, "certificateChain", WireLimits.BLOB_CHARS);
            WireLimits.text(trustedCas, "trustedCas", WireLimits.BLOB_CHARS);
        }
    }

    /**
     * The hub asks a worker to renew its certificate now rather than when it is due, as after a CA rotation.
     *
     * @param reason why, for the worker's log
     */
    record RenewNow(String reason) implements EnrolmentMessage {
        /** Checks the field. */
        public RenewNow {
            WireLimits.text(reason, "reason", WireLimits.SHORT_TEXT_CHARS);
        }
    }
}
