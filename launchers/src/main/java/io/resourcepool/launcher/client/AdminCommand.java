package io.resourcepool.launcher.client;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.Durations;
import io.resourcepool.core.client.JoinTokenGrant;
import io.resourcepool.core.client.JoinTokenInfo;
import io.resourcepool.core.client.UserInfo;
import io.resourcepool.http.api.Views;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool admin}: users, their sessions, join tokens, nodes and the audit log; and, on the hub's machine, backups. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administer users, join tokens, nodes and the audit log (admin role).",
        subcommands = {AdminCommand.Users.class, AdminCommand.JoinTokens.class, NodeAdminCommand.class, AuditCommand.class, AlertsCommand.class,
                io.resourcepool.launcher.hub.BackupCommand.class, io.resourcepool.launcher.hub.CaCommand.class})
public final class AdminCommand {

    /** {@code pool admin user add|list|remove|role|reset-password|unlock|revoke-sessions|mfa}. */
    @Command(name = "user", mixinStandardHelpOptions = true, description = "Add, list, remove and unlock users; change their roles; reset their passwords; end their sessions; set up second factors.",
            subcommands = MfaCommand.class)
    static final class Users {
        @Spec
        CommandSpec spec;

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user. The password is read from a variable or a file, never the command line.")
        int add(@Mixin ClientOptions client,
                @Parameters(paramLabel = "NAME", description = "the login name") String name,
                @Option(names = "--role", defaultValue = "compute-user", description = "admin, compute-user or viewer (default ${DEFAULT-VALUE})") String role,
                @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the password") String passwordEnv,
                @Option(names = "--password-file", paramLabel = "FILE", description = "file holding the password") Path passwordFile) {
            Secret password = password(passwordEnv, passwordFile);
            try (ClientOptions.Connected c = client.connectResumed()) {
                c.client().admin().addUser(name, Role.fromWireName(role), password);
            }
            spec.commandLine().getOut().println("added user " + name + " (" + role + ")");
            return 0;
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
        int list(@Mixin ClientOptions client, @Mixin OutputOptions output) {
            List<UserInfo> users;
            try (ClientOptions.Connected c = client.connectResumed()) {
                users = c.client().admin().users();
            }
            output.print(spec.commandLine().getOut(), out -> {
                out.printf(Locale.ROOT, "%-24s %-14s %-7s %s%n", "USER", "ROLE", "LOCKED", "CREATED");
                for (UserInfo u : users) {
                    out.printf(Locale.ROOT, "%-24s %-14s %-7s %s%n", u.username(), u.role().wireName(), u.locked() ? "yes" : "no", u.createdAt());
                }
            }, () -> users.stream().map(Views.User::of).toList());
            return 0;
        }

        @Command(name = "remove", mixinStandardHelpOptions = true,
                description = "Remove a user: their sessions end at once, their jobs keep their history. Not your own account, nor the last admin.")
        int remove(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME", description = "the login name") String name) {
            try (ClientOptions.Connected c = client.connectResumed()) {
                c.client().admin().removeUser(name);
            }
            spec.commandLine().getOut().println("removed user " + name + " (their jobs keep their history)");
            return 0;
        }

        @Command(name = "role", mixinStandardHelpOptions = true,
                description = "Give a user another role, from their next request on. The last admin keeps theirs.")
        int role(@Mixin ClientOptions client, @Parameters(index = "0", paramLabel = "NAME", description = "the login name") String name,
                @Parameters(index = "1", paramLabel = "ROLE", description = "admin, compute-user or viewer") String role) {
            Role wanted = Role.fromWireName(role);
            try (ClientOptions.Connected c = client.connectResumed()) {
                c.client().admin().changeRole(name, wanted);
            }
            spec.commandLine().getOut().println("user " + name + " is " + wanted.wireName() + " from their next request on");
            return 0;
        }

        @Command(name = "reset-password", mixinStandardHelpOptions = true,
                description = "Set a password for a user who lost theirs: their sessions end, and at their next login they must choose a new one before anything else.")
        int resetPassword(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME", description = "the login name") String name,
                @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the password to give them") String passwordEnv,
                @Option(names = "--password-file", paramLabel = "FILE", description = "file holding the password to give them") Path passwordFile) {
            Secret password = password(passwordEnv, passwordFile);
            try (ClientOptions.Connected c = client.connectResumed()) {
                c.client().admin().resetPassword(name, password);
            }
            spec.commandLine().getOut().println("reset the password of " + name + "; their sessions ended, and they must choose a new one at their next login");
            return 0;
        }

        @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Lift a user's lock after failed logins.")
        int unlock(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME", description = "the login name") String name) {
            try (ClientOptions.Connected c = client.connectResumed()) {
                c.client().admin().unlock(name);
            }
            spec.commandLine().getOut().println("unlocked user " + name);
            return 0;
        }

        @Command(name = "revoke-sessions", mixinStandardHelpOptions = true,
                description = "End every session of a user, on every connection; they must log in again.")
        int revokeSessions(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME", description = "the login name") String name) {
            try (ClientOptions.Connected c = client.connectResumed()) {
                c.client().admin().revokeSessions(name);
            }
            spec.commandLine().getOut().println("ended every session of " + name + " (the audit log has the count)");
            return 0;
        }

        private static Secret password(String variable, Path file) {
            return file != null ? Secret.fromFile(file) : fromEnv(variable);
        }

        private static Secret fromEnv(String variable) {
            if (variable == null) {
                throw new ConfigurationException("give the password with --password-env VAR or --password-file FILE");
            }
            return Secret.fromEnvironment(variable, System.getenv(), "--password-env");
        }
    }

    /** {@code pool admin join-token create|list|revoke}. */
    @Command(name = "join-token", mixinStandardHelpOptions = true, description = "Make, list and revoke join tokens for new workers.")
    static final class JoinTokens {
        @Spec
        CommandSpec spec;

        @Command(name = "create", mixinStandardHelpOptions = true, description = "Make a single-use join token and print how a worker uses it.")
        int create(@Mixin ClientOptions client,
                @Option(names = "--ttl", defaultValue = "1h", description = "how long it stays valid (default ${DEFAULT-VALUE})") String ttl,
                @Option(names = "--output-file", paramLabel = "FILE", description = "write the token to this file (0600) instead of the terminal") Path outputFile) {
            JoinTokenGrant grant;
            try (ClientOptions.Connected c = client.connectResumed()) {
                grant = c.client().admin().createJoinToken(Durations.parse(ttl));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (outputFile != null) {
                TokenFiles.write(outputFile, grant.token());
                out.println("join token " + grant.id() + " written to " + outputFile + " (valid until " + grant.expiresAt() + ", single use)");
            } else {
                out.println("join token (single use, valid until " + grant.expiresAt() + "; shown only once):");
                out.println("    " + grant.token().reveal());
            }
            out.println("hub CA fingerprint: " + grant.caFingerprint());
            out.println("start a worker with it:");
            out.println("    pool worker --hub HOST:PORT --ca-fingerprint " + grant.caFingerprint() + " --join-token-file FILE");
            return 0;
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List join tokens (never the tokens themselves), newest first.")
        int list(@Mixin ClientOptions client, @Mixin OutputOptions output) {
            List<JoinTokenInfo> tokens;
            try (ClientOptions.Connected c = client.connectResumed()) {
                tokens = c.client().admin().joinTokens();
            }
            output.print(spec.commandLine().getOut(), out -> {
                out.printf(Locale.ROOT, "%-10s %-16s %-9s %-24s %-24s %s%n", "ID", "CREATED BY", "STATE", "CREATED", "EXPIRES", "USED BY");
                Instant now = Instant.now();
                for (JoinTokenInfo t : tokens) {
                    out.printf(Locale.ROOT, "%-10s %-16s %-9s %-24s %-24s %s%n", t.id(), t.createdBy(), state(t, now), t.createdAt(),
                            t.expiresAt(), t.usedBy().map(n -> n + " at " + t.usedAt().orElseThrow()).orElse("-"));
                }
            }, () -> tokens.stream().map(Views.JoinToken::of).toList());
            return 0;
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Withdraw an unused join token: no machine can enroll with it any more.")
        int revoke(@Mixin ClientOptions client, @Parameters(paramLabel = "ID", description = "the token's id, as `join-token list` shows it") String id) {
            try (ClientOptions.Connected c = client.connectResumed()) {
                c.client().admin().revokeJoinToken(id);
            }
            spec.commandLine().getOut().println("revoked join token " + id);
            return 0;
        }

        private static String state(JoinTokenInfo t, Instant now) {
            if (t.revoked()) {
                return "revoked";
            }
            if (t.usedAt().isPresent()) {
                return "used";
            }
            return t.isUsableAt(now) ? "usable" : "expired";
        }
    }
}
