package io.resourcepool.store.jdbc;

import java.util.Objects;

/**
 * Where a store is, in words fit for logs and error messages: never a password or a URL's parameters.
 *
 * @param kind the store type, for example {@code jdbc} or {@code sqlite}
 * @param where the server and database ({@code postgresql://db:5432/pool}) or the file
 * @param user the user the store logs in as, empty when none
 */
public record StoreLocation(String kind, String where, String user) {
    /** Checks the fields. */
    public StoreLocation {
        Objects.requireNonNull(kind, "kind must be given");
        Objects.requireNonNull(where, "where must be given");
        Objects.requireNonNull(user, "user must be given (empty when none)");
    }

    /**
     * One line for logs.
     *
     * @return for example {@code jdbc postgresql://db:5432/pool as pool}
     */
    public String describe() {
        return kind + " " + where + (user.isEmpty() ? "" : " as " + user);
    }
}
