package io.resourcepool.store.jdbc;

import io.resourcepool.api.spi.store.MfaEnrolment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Second factors, in the {@code user_mfa} and {@code mfa_recovery_codes} tables; the credential store's part. */
final class JdbcMfa {
    private static final String DELETE_CODES = "DELETE FROM mfa_recovery_codes WHERE username = ?";
    private static final String DELETE_MFA = "DELETE FROM user_mfa WHERE username = ?";

    private final Database db;

    JdbcMfa(Database db) {
        this.db = db;
    }

    boolean enable(String username, MfaEnrolment enrolment) {
        Objects.requireNonNull(enrolment, "enrolment must be given");
        return db.write("enable MFA for " + username, c -> {
            boolean known = Database.first(c.prepareStatement("SELECT username FROM users WHERE username = ?"),
                    p -> p.text(username), r -> r.getString(1)).isPresent();
            if (!known) {
                return false;
            }
            forget(c, username);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO user_mfa (username, sealed_seed, last_accepted_step, enabled_at) VALUES (?, ?, ?, ?)")) {
                new Params(s).text(username).text(enrolment.sealedSeed()).number(enrolment.lastAcceptedStep()).time(enrolment.enabledAt());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO mfa_recovery_codes (username, code_hash) VALUES (?, ?)")) {
                for (String hash : enrolment.recoveryCodeHashes()) {
                    new Params(s).text(username).text(hash);
                    s.executeUpdate();
                }
            }
            return true;
        });
    }

    Optional<MfaEnrolment> find(String username) {
        return db.read("find the MFA of " + username, c -> {
            List<String> codes = Database.all(c.prepareStatement("SELECT code_hash FROM mfa_recovery_codes WHERE username = ? ORDER BY code_hash"),
                    p -> p.text(username), r -> r.getString(1));
            return Database.first(c.prepareStatement("SELECT sealed_seed, last_accepted_step, enabled_at FROM user_mfa WHERE username = ?"),
                    p -> p.text(username), r -> new MfaEnrolment(r.getString("sealed_seed"), codes, r.getLong("last_accepted_step"),
                            Columns.time(r, "enabled_at")));
        });
    }

    boolean acceptStep(String username, long step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        return db.update("accept a one-time code of " + username,
                "UPDATE user_mfa SET last_accepted_step = ? WHERE username = ? AND last_accepted_step < ?",
                p -> p.number(step).text(username).number(step)) == 1;
    }

    boolean useRecoveryCode(String username, String codeHash) {
        Objects.requireNonNull(codeHash, "codeHash must be given");
        return db.update("spend a recovery code of " + username, "DELETE FROM mfa_recovery_codes WHERE username = ? AND code_hash = ?",
                p -> p.text(username).text(codeHash)) == 1;
    }

    boolean disable(String username) {
        return db.write("disable MFA for " + username, c -> forget(c, username));
    }

    /** Removes a user's second factor inside the caller's transaction; true when there was one. */
    static boolean forget(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE_CODES)) {
            new Params(s).text(username);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(DELETE_MFA)) {
            new Params(s).text(username);
            return s.executeUpdate() == 1;
        }
    }
}
