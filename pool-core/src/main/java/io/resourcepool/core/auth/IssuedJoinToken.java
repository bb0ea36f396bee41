package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.JoinToken;
import java.util.Objects;

/**
 * A join token just made: the text to show the admin once, and what the store keeps of it.
 *
 * @param token the full token, {@code pj_<id>_<secret>}; not stored anywhere
 * @param record the stored record, holding only the token's hash
 */
public record IssuedJoinToken(Secret token, JoinToken record) {
    /** Checks the fields. */
    public IssuedJoinToken {
        Objects.requireNonNull(token, "token must be given");
        Objects.requireNonNull(record, "record must be given");
    }
}
