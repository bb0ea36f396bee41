package io.resourcepool.launcher.hub;

import io.resourcepool.api.spi.transport.CertificateFingerprint;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;

/**
 * What a starting hub tells the person who started it: where it is, how to trust it, a first password, and whether
 * its open-file limit leaves room for a fleet of {@value OpenFileLimit#FLEET} workers (and how to raise it if not).
 */
public final class HubBanner {
    private HubBanner() {}

    /**
     * Prints the banner. A generated admin password is shown here, on the terminal, and nowhere else.
     *
     * @param out the terminal
     * @param hub the running hub
     */
    public static void print(PrintWriter out, HubRuntime hub) {
        out.println("ResourcePool hub listening on " + hub.address().getHostString() + ":" + hub.address().getPort());
        out.println("CA fingerprint (workers and clients pin it): " + hub.caFingerprint());
        out.println("Store: " + hub.storeDescription());
        if (hub.httpServesOperatorCertificate()) {
            hub.httpUri().ifPresent(uri -> out.println("HTTPS API on " + uri + "/v1"));
            hub.httpUri().ifPresent(uri -> out.println("Dashboard on " + uri + "/ui/"));
        } else {
            hub.httpUri().ifPresent(uri -> out.println("HTTPS API on " + uri + "/v1 (curl --cacert " + hub.caCertificateFile() + ")"));
            hub.httpUri().ifPresent(uri -> out.println("Dashboard on " + uri + "/ui/ (once your browser trusts " + hub.caCertificateFile() + ")"));
        }
        hub.httpCertificate().ifPresent(certificate -> out.println("HTTPS certificate ("
                + (hub.httpServesOperatorCertificate() ? "http.tls-certificate" : "the hub's own CA") + "): " + describe(certificate)));
        hub.metricsUri().ifPresent(uri -> out.println("Prometheus metrics on " + uri + "/metrics"));
        OpenFileLimit.current().shortfall(OpenFileLimit.FLEET, "this hub", true).ifPresent(out::println);
        hub.firstAdmin().generatedPassword().ifPresent(password -> {
            out.println();
            out.println("First start: created user 'admin'. Its generated password is shown only this once:");
            out.println();
            out.println("    " + password.reveal());
            out.println();
            out.println("Log in with: pool login --hub " + hub.address().getHostString() + ":" + hub.address().getPort()
                    + " --ca-fingerprint " + hub.caFingerprint() + " --user admin");
        });
        if (hub.firstAdmin().created() && hub.firstAdmin().generatedPassword().isEmpty()) {
            out.println("First start: created user 'admin' with the password you gave.");
        }
        out.flush();
    }

    /** Subject, issuer, expiry and fingerprint: enough to tell which certificate a browser is shown. */
    static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + ", issued by " + certificate.getIssuerX500Principal().getName()
                + ", expires " + certificate.getNotAfter().toInstant() + ", sha256 " + CertificateFingerprint.of(certificate);
    }
}
