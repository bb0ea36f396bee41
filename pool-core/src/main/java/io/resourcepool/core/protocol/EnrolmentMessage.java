package io.resourcepool.core.protocol;

/** A machine joining the pool with a join token and a certificate signing request. */
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
}
