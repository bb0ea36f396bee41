package io.resourcepool.launcher.client;

import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.core.client.AuditRow;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pool admin audit [verify]}: read the hub's audit log, or check its hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "List the audit log, newest first (admin role).")
final class AuditCommand implements Callable<Integer> {
    private static final String ROW = "%-6s %-24s %-16s %-26s %-16s %-22s %s%n";

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--actor", paramLabel = "NAME", defaultValue = "", description = "only rows by this actor")
    String actor;

    @Option(names = "--action", paramLabel = "PREFIX", defaultValue = "", description = "only actions starting with this, e.g. login.")
    String action;

    @Option(names = "--since", paramLabel = "TIME", description = "only rows at or after this ISO-8601 UTC time, e.g. 2026-12-06T08:00:00Z")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most this many rows, 1 to 500 (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("--limit must be between 1 and 500, was " + limit);
        }
        Optional<Instant> from = Optional.ofNullable(since).map(AuditCommand::instant);
        List<AuditRow> rows;
        try (ClientOptions.Connected c = client.connectResumed()) {
            rows = c.client().admin().audit(actor, action, from, limit);
        }
        output.print(spec.commandLine().getOut(), out -> {
            out.printf(Locale.ROOT, ROW, "SEQ", "TIME", "ACTOR", "ACTION", "TARGET", "SOURCE", "DETAIL");
            for (AuditRow r : rows) {
                out.printf(Locale.ROOT, ROW, r.sequence(), r.at(), r.actor(), r.action(), r.target(), r.sourceAddress(), r.detail());
            }
        }, () -> rows.stream().map(AuditEntry::of).toList());
        return 0;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since must be an ISO-8601 UTC time such as 2026-12-06T08:00:00Z, was '" + text + "'");
        }
    }

    /**
     * Checks the chain: exit 0 when intact, 1 naming the first row at fault.
     *
     * @param verifier how to reach the hub
     * @return the exit code
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the audit log's hash chain; exit 1 naming the first changed or missing row.")
    int verify(@Mixin ClientOptions verifier) {
        AuditVerification verdict;
        try (ClientOptions.Connected c = verifier.connectResumed()) {
            verdict = c.client().admin().verifyAudit();
        }
        if (verdict.intact()) {
            spec.commandLine().getOut().println("audit log intact: " + verdict.rowsChecked() + " row(s) checked");
            return 0;
        }
        spec.commandLine().getErr().println("audit log NOT intact: " + verdict.problem() + " (first bad row "
                + verdict.firstBadRow().orElse(0) + "; the " + verdict.rowsChecked() + " row(s) before it are intact)");
        return 1;
    }
}
