/**
 * Throwaway certificates for tests: a test CA, a server certificate for {@code localhost} and
 * {@code 127.0.0.1}, a client certificate {@code CN=test-worker}, and an unrelated CA with a client of its
 * own (which a server trusting the test CA must refuse). ECDSA P-256, valid for 100 years, PKCS#8 keys, so
 * the JDK loads them without BouncyCastle. The keys are public: never trust these certificates outside
 * tests. {@code pool-testkit/certs/generate-test-certificates.sh} makes them again.
 */
package io.resourcepool.testkit.certs;
