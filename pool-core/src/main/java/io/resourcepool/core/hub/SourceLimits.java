package io.resourcepool.core.hub;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.transport.SourceAddress;
import io.resourcepool.core.auth.RateLimiter;
import io.resourcepool.core.auth.RateLimits;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-address limits on what a stranger may try before authenticating: failed logins (and refused
 * session resumes), and enrolment attempts. An address over its limit is answered "busy" before any bcrypt
 * or certificate work is done, and the first refusal of each window is audited ({@code login.rate-limited} or
 * {@code node.enrol-rate-limited}), so that a flood cannot fill the audit log.
 *
 * <p>Limits go by source ({@link SourceAddress#keyOf(String)}: the IPv4 address, or the IPv6 {@code /64}), not by
 * connection or port: a new connection starts no new count. A refusal names the source, the count, the limit
 * and when to retry.
 *
 * <p>Where several hubs share the database, each hub counts on its own, so each allows its share of a limit: the limit
 * divided by the number of live hubs, rounded up, never under 1 ({@link #shareAmong}), so that a source spreading its
 * attempts over all the hubs gets about the configured rate, not that rate once per hub.
 */
final class SourceLimits {
    static final String TOO_MANY_LOGINS = "too many failed logins from ";
    static final String TOO_MANY_ENROLMENTS = "too many enrolment attempts from ";

    private static final Logger log = LoggerFactory.getLogger(SourceLimits.class);

    private final RateLimits configured;
    private final RateLimiter loginFailures;
    private final RateLimiter enrolments;
    /** How many hubs the limits are shared among now. */
    private int sharedAmong = 1;
    private final AuditLog audit;
    private final HubObserver observer;
    private final InstantSource clock;

    SourceLimits(RateLimits limits, AuditLog audit, HubObserver observer, InstantSource clock) {
        this.configured = limits;
        this.loginFailures = new RateLimiter(limits.loginFailuresPerAddress(), limits.window(), limits.maxTrackedAddresses(), clock);
        this.enrolments = new RateLimiter(limits.enrolmentsPerAddress(), limits.window(), limits.maxTrackedAddresses(), clock);
        this.audit = audit;
        this.observer = observer;
        this.clock = clock;
    }

    /**
     * Runs a login or resume unless the address has failed too often; counts it when it fails. The attempt
     * holds its place in the count while it runs, so that a burst of attempts at once cannot all pass; a
     * success, or a "busy" from the bcrypt pool, gives it back.
     *
     * @throws BusyException when the address is over its limit; the attempt is not run
     */
    <T> T login(String source, Supplier<T> attempt) {
        String address = SourceAddress.keyOf(source);
        Optional<RateLimiter.Refusal> over = loginFailures.tryAcquire(address);
        if (over.isPresent()) {
            observer.loginRefused(source);
        }
        refuseIfOver(over, source, address, "login.rate-limited", TOO_MANY_LOGINS);
        boolean failed = false;
        try {
            return attempt.get();
        } catch (AuthenticationException e) {
            failed = true;
            throw e;
        } finally {
            if (!failed) {
                loginFailures.refund(address);
            }
        }
    }

    /**
     * Finds a session by its token as a RESUME does, counting a refused token as a failed login of the address. Unlike
     * a {@link #login}, a check in flight holds no place in the count: one address's honest requests come many at
     * once (a browser's, a script's), each costs an HMAC and two store reads, never bcrypt, and a guess of a signed token
     * is hopeless. An address over its limit goes on being served for a live session (as a connection that resumed
     * before goes on), and is refused "busy" for any other token, unaudited but for the window's first refusal.
     *
     * @param resume finds the session, auditing a refusal
     * @param quietly finds the session, auditing nothing
     * @throws BusyException when the address is over its limit and the token stands for no live session
     */
    <T> T session(String source, Supplier<T> resume, Supplier<Optional<T>> quietly) {
        String address = SourceAddress.keyOf(source);
        if (loginFailures.isOver(address)) {
            Optional<T> live = quietly.get();
            if (live.isPresent()) {
                return live.get();
            }
            Optional<RateLimiter.Refusal> over = loginFailures.tryAcquire(address);
            if (over.isPresent()) {
                observer.loginRefused(source);
                refuseIfOver(over, source, address, "login.rate-limited", TOO_MANY_LOGINS);
            }
            // the window ended meanwhile, and the refused token has just been counted in the new one
            return resume.get();
        }
        try {
            return resume.get();
        } catch (AuthenticationException e) {
            loginFailures.tryAcquire(address);
            throw e;
        }
    }

    /**
     * Runs an enrolment unless the address has tried too often; counts every attempt, good or bad.
     *
     * @throws BusyException when the address is over its limit; the attempt is not run
     */
    <T> T enrolment(String source, Supplier<T> attempt) {
        String address = SourceAddress.keyOf(source);
        refuseIfOver(enrolments.tryAcquire(address), source, address, "node.enrol-rate-limited", TOO_MANY_ENROLMENTS);
        return attempt.get();
    }

    /**
     * Charges a source for something only an attacker does (touching a decoy): it costs as many failed logins as
     * given, so that a prober is slowed at the door before its first guess of a password.
     *
     * @param source where it came from
     * @param failedLogins how many failed logins it counts as
     */
    void charge(String source, int failedLogins) {
        String address = SourceAddress.keyOf(source);
        int charged = 0;
        while (charged < failedLogins && loginFailures.tryAcquire(address).isEmpty()) {
            charged++;
        }
    }

    /**
     * Shares the configured limits among the hubs live now: each becomes its share, the configured figure divided by
     * {@code liveHubs} and rounded up. Called at each lease round; changes (and logs) something only when the number
     * of hubs changed.
     *
     * @param liveHubs how many hubs are live, this one included; under 1 counts as 1
     */
    synchronized void shareAmong(int liveHubs) {
        int hubs = Math.max(1, liveHubs);
        if (hubs == sharedAmong) {
            return;
        }
        sharedAmong = hubs;
        loginFailures.limit(shareOf(configured.loginFailuresPerAddress(), hubs));
        enrolments.limit(shareOf(configured.enrolmentsPerAddress(), hubs));
        log.info("per-source limits shared among {} live hubs: this hub allows {} failed logins and {} enrolment attempts per address"
                + " in {} s (of {} and {} configured)", hubs, loginFailures.limit(), enrolments.limit(), secondsOf(configured.window()),
                configured.loginFailuresPerAddress(), configured.enrolmentsPerAddress());
    }

    /** The failed logins one address may make here in a window now. */
    int loginFailuresAllowed() {
        return loginFailures.limit();
    }

    /** The enrolment attempts one address may make here in a window now. */
    int enrolmentsAllowed() {
        return enrolments.limit();
    }

    /** One hub's share of a limit: divided, rounded up, so that it never falls to 0. */
    static int shareOf(int limit, int hubs) {
        return Math.ceilDiv(limit, hubs);
    }

    private void refuseIfOver(Optional<RateLimiter.Refusal> refusal, String source, String address, String action, String what) {
        if (refusal.isEmpty()) {
            return;
        }
        RateLimiter.Refusal over = refusal.get();
        if (over.firstInWindow()) {
            audit.append(new AuditEvent(clock.instant(), "", action, "", source,
                    "refused until " + clock.instant().plus(over.retryAfter())));
        }
        throw new BusyException(what + address + ": " + over.limit() + " in the last " + secondsOf(over.window()) + " s (limit "
                + over.limit() + "); retry in " + secondsOf(over.retryAfter()) + " s", over.retryAfter());
    }

    /** Whole seconds, rounded up, so that "retry in 0 s" is never said while the window is still open. */
    static long secondsOf(Duration duration) {
        return duration.plusNanos(999_999_999).toSeconds();
    }
}
