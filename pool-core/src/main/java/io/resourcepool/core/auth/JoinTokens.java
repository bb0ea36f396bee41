package io.resourcepool.core.auth;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.JoinToken;
import io.resourcepool.api.spi.store.NodeStore;
import io.resourcepool.api.spi.store.Store;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Makes and spends join tokens, the single-use permissions with which a machine enrolls.
 *
 * <p>A token reads {@code pj_<id>_<secret>}: {@code id} is 8 characters that name it in listings (not
 * secret), {@code secret} is 32 random bytes in unpadded URL-safe base64. The store keeps only the SHA-256 of
 * the whole text. Every failed redeem gets the same answer, {@value #REDEEM_FAILED}.
 *
 * <p>Audited here: {@code join-token.created} and {@code join-token.revoked}, naming the token by its id only.
 * The enrolment itself is audited by the hub.
 */
public final class JoinTokens {
    /** The one answer to every refused join token. */
    public static final String REDEEM_FAILED =
            "join token unknown, expired, revoked or already used; ask an admin for a new one";

    /** The longest lifetime a token may be given. */
    public static final Duration MAX_TTL = Duration.ofDays(30);

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int ID_CHARS = 8;
    private static final int SECRET_BYTES = 32;
    private static final Pattern FORM = Pattern.compile("pj_[a-z2-7]{8}_[A-Za-z0-9_-]{43}");

    private final NodeStore nodes;
    private final AuditRecorder audit;
    private final InstantSource clock;
    private final SecureRandom random;

    /**
     * Creates the service.
     *
     * @param store where tokens and the audit log live
     * @param clock the time
     * @param random the source of ids and secrets
     */
    public JoinTokens(Store store, InstantSource clock, SecureRandom random) {
        this.nodes = store.nodes();
        this.audit = new AuditRecorder(store.audit(), clock);
        this.clock = clock;
        this.random = random;
    }

    /**
     * Creates the service with a new {@link SecureRandom}.
     *
     * @param store where tokens and the audit log live
     * @param clock the time
     */
    public JoinTokens(Store store, InstantSource clock) {
        this(store, clock, new SecureRandom());
    }

    /**
     * Makes a token.
     *
     * @param createdBy the admin asking
     * @param ttl how long it may be used, more than zero and at most {@link #MAX_TTL}
     * @return the token text, to show once, and its stored record
     * @throws IllegalArgumentException when the lifetime is out of range
     */
    public IssuedJoinToken create(Actor createdBy, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl must be given");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be more than zero and at most " + MAX_TTL.toDays()
                    + " days, was " + ttl);
        }
        String id = randomId();
        Secret token = Secret.of("pj_" + id + "_" + randomSecret());
        Instant now = clock.instant();
        JoinToken record = JoinToken.create(id, Sha256.hex(token), createdBy.name(), now, now.plus(ttl));
        nodes.createJoinToken(record);
        audit.record(createdBy, "join-token.created", id, "expires " + record.expiresAt());
        return new IssuedJoinToken(token, record);
    }

    /**
     * Spends a token for a node, atomically: two enrolments can never share one.
     *
     * @param token the token presented
     * @param node the node enrolling
     * @param now the time of the enrolment
     * @return the token as it was before use
     * @throws AuthenticationException with {@value #REDEEM_FAILED} when it is malformed, unknown, expired,
     *     revoked or used
     */
    public JoinToken redeem(Secret token, NodeId node, Instant now) {
        if (!FORM.matcher(token.reveal()).matches()) {
            throw new AuthenticationException(REDEEM_FAILED);
        }
        return nodes.consumeJoinToken(Sha256.hex(token), now, node)
                .orElseThrow(() -> new AuthenticationException(REDEEM_FAILED));
    }

    /**
     * All tokens, newest first, by hash only.
     *
     * @return the tokens
     */
    public List<JoinToken> list() {
        return nodes.listJoinTokens();
    }

    /**
     * Withdraws an unused token.
     *
     * @param actor the admin asking
     * @param id the token's public id
     * @return false when it is unknown, used or already revoked
     */
    public boolean revoke(Actor actor, String id) {
        if (!nodes.revokeJoinToken(id)) {
            return false;
        }
        audit.record(actor, "join-token.revoked", id, "");
        return true;
    }

    private String randomId() {
        StringBuilder id = new StringBuilder(ID_CHARS);
        for (int i = 0; i < ID_CHARS; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private String randomSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
