package io.resourcepool.core.alert;

import io.resourcepool.api.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the hub alerts.
 *
 * @param hubName the hub's name in every alert, so that one receiver can serve many hubs
 * @param webhooks where alerts go; none turns delivery off (alerts are still audited and counted)
 * @param signingSecret the key of every delivery's HMAC signature; never logged
 * @param quietPeriod an incident's alert is sent once its events have stopped for this long
 * @param longestIncident ... or once this long has passed since its first event, whichever is sooner, so that a
 *     flood that never stops is still told of
 * @param loginFailuresPerSource failed logins from one source within one incident that make a spike
 * @param loginFailuresInAll failed logins from all sources within one incident that make a spike
 * @param attempts deliveries tried per alert and webhook before it is given up, 1 or more
 * @param firstRetry the wait before the first retry; each later one waits twice as long as the one before
 * @param queuedPerWebhook alerts waiting for one webhook at most; more are dropped and counted
 * @param requestTimeout how long one delivery may take
 * @param certificateWarning how long before a certificate's expiry to alert
 */
public record AlertConfig(String hubName, List<Webhook> webhooks, Secret signingSecret, Duration quietPeriod,
        Duration longestIncident, int loginFailuresPerSource, int loginFailuresInAll, int attempts, Duration firstRetry,
        int queuedPerWebhook, Duration requestTimeout, Duration certificateWarning) {

    /** Checks the fields. */
    public AlertConfig {
        Objects.requireNonNull(hubName, "hubName must be given");
        Objects.requireNonNull(signingSecret, "signingSecret must be given");
        webhooks = List.copyOf(webhooks);
        positive(quietPeriod, "quietPeriod");
        positive(longestIncident, "longestIncident");
        positive(firstRetry, "firstRetry");
        positive(requestTimeout, "requestTimeout");
        positive(certificateWarning, "certificateWarning");
        atLeastOne(loginFailuresPerSource, "loginFailuresPerSource");
        atLeastOne(loginFailuresInAll, "loginFailuresInAll");
        atLeastOne(attempts, "attempts");
        atLeastOne(queuedPerWebhook, "queuedPerWebhook");
        if (longestIncident.compareTo(quietPeriod) < 0) {
            throw new IllegalArgumentException("longestIncident (" + longestIncident + ") must be at least quietPeriod (" + quietPeriod + ")");
        }
    }

    /**
     * The defaults, for these webhooks: an incident told 10 s after it goes quiet or 5 min after it began; a spike
     * at 20 failed logins from one source or 100 in all; 6 tries, the first retry after 2 s (the last about a minute
     * after the first try); 1,000 alerts queued per webhook; 10 s per delivery; certificates 14 days ahead.
     *
     * @param hubName the hub's name
     * @param webhooks where alerts go
     * @param signingSecret the signing key
     * @return the configuration
     */
    public static AlertConfig defaults(String hubName, List<Webhook> webhooks, Secret signingSecret) {
        return new AlertConfig(hubName, webhooks, signingSecret, Duration.ofSeconds(10), Duration.ofMinutes(5), 20, 100, 6,
                Duration.ofSeconds(2), 1_000, Duration.ofSeconds(10), Duration.ofDays(14));
    }

    /**
     * A copy gathering incidents over other periods.
     *
     * @param quiet the quiet period
     * @param longest the longest incident
     * @return the copy
     */
    public AlertConfig withGathering(Duration quiet, Duration longest) {
        return new AlertConfig(hubName, webhooks, signingSecret, quiet, longest, loginFailuresPerSource, loginFailuresInAll,
                attempts, firstRetry, queuedPerWebhook, requestTimeout, certificateWarning);
    }

    /**
     * A copy retrying otherwise.
     *
     * @param tries deliveries tried per alert and webhook
     * @param first the wait before the first retry
     * @return the copy
     */
    public AlertConfig withRetries(int tries, Duration first) {
        return new AlertConfig(hubName, webhooks, signingSecret, quietPeriod, longestIncident, loginFailuresPerSource,
                loginFailuresInAll, tries, first, queuedPerWebhook, requestTimeout, certificateWarning);
    }

    /**
     * A copy with other spike thresholds.
     *
     * @param perSource failed logins from one source that make a spike
     * @param inAll failed logins from all sources that make a spike
     * @return the copy
     */
    public AlertConfig withSpikeAt(int perSource, int inAll) {
        return new AlertConfig(hubName, webhooks, signingSecret, quietPeriod, longestIncident, perSource, inAll, attempts,
                firstRetry, queuedPerWebhook, requestTimeout, certificateWarning);
    }

    private static void positive(Duration value, String field) {
        Objects.requireNonNull(value, field + " must be given");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    private static void atLeastOne(int value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, was " + value);
        }
    }
}
