package io.resourcepool.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The certificates whose expiry the notifier watches: the hub's CA, its TLS identity, an operator's HTTPS
 * certificate. Checked when one is added and then every {@value #CHECK_HOURS} hours, so that a certificate near its
 * end is told twice a day, not at every tick.
 */
final class CertificateExpiry {
    static final int CHECK_HOURS = 12;

    private final AlertNotifier notifier;
    private final Duration warning;
    private final InstantSource clock;
    private final Map<String, Supplier<Instant>> watched = new ConcurrentHashMap<>();
    private volatile Instant nextCheck = Instant.MIN;

    CertificateExpiry(AlertNotifier notifier, Duration warning, InstantSource clock) {
        this.notifier = notifier;
        this.warning = warning;
        this.clock = clock;
    }

    void watch(String name, Supplier<Instant> notAfter) {
        watched.put(name, notAfter);
        check(name, notAfter, clock.instant());
    }

    void checkIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(Duration.ofHours(CHECK_HOURS));
        watched.forEach((name, notAfter) -> check(name, notAfter, now));
    }

    private void check(String name, Supplier<Instant> notAfter, Instant now) {
        Instant end = notAfter.get();
        if (now.plus(warning).isAfter(end)) {
            String when = end.isAfter(now) ? "expires " + end + ", in " + Duration.between(now, end).toHours() + " h" : "expired " + end;
            notifier.raise(AlertKind.CERTIFICATE_EXPIRING, name, when);
        }
    }
}
