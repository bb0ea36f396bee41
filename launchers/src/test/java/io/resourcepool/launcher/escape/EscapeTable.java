package io.resourcepool.launcher.escape;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.launcher.escape.EscapeAttempt.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The escape suite's results as the Markdown table that docs/SECURITY.md carries: an attempt a row, a sandbox a
 * column. It is written to {@code target/escape-suite.md} on every run. When every sandbox of the documented
 * table ran, the table in SECURITY.md must be this one: a run with {@code -Descape.update=true} rewrites it there.
 */
final class EscapeTable {
    static final Path DOC = Path.of("..", "docs", "SECURITY.md");
    static final String BEGIN = "<!-- escape-suite:begin (written by EscapeSuiteTest; do not edit by hand) -->";
    static final String END = "<!-- escape-suite:end -->";
    private static final Path OUTPUT = Path.of("target", "escape-suite.md");

    private final List<EscapeAttempt> attempts;
    private final Map<String, String> cells = new ConcurrentHashMap<>();

    EscapeTable(List<EscapeAttempt> attempts) {
        this.attempts = List.copyOf(attempts);
    }

    void record(String column, EscapeAttempt attempt, Outcome outcome, Set<IsolationFeature> claimed) {
        cells.put(column + "\n" + attempt.name(), cell(attempt, outcome, claimed));
    }

    private static String cell(EscapeAttempt attempt, Outcome outcome, Set<IsolationFeature> claimed) {
        if (!outcome.tried()) {
            return "not tried";
        }
        if (!outcome.escaped()) {
            return "refused";
        }
        if (attempt.promisedBy(claimed)) {
            return "**ESCAPED**";
        }
        return "not refused (declared: no " + attempt.refusedBy().stream().map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .sorted().collect(Collectors.joining(" or ")) + ")";
    }

    /**
     * Writes the table to {@code target/} and, when the columns are the documented ones, checks or updates
     * SECURITY.md.
     */
    void write(List<String> columns) throws IOException {
        String markdown = render(columns);
        Files.createDirectories(OUTPUT.getParent());
        Files.writeString(OUTPUT, markdown, StandardCharsets.UTF_8);
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/SECURITY.md has the escape suite's markers").isNotNegative().isLessThan(end);
        String documented = doc.substring(begin + BEGIN.length(), end).strip();
        if (Boolean.getBoolean("escape.update")) {
            Files.writeString(DOC, doc.substring(0, begin + BEGIN.length()) + "\n" + markdown + doc.substring(end), StandardCharsets.UTF_8);
        } else if (documented.lines().findFirst().orElse("").equals(markdown.lines().findFirst().orElse(""))) {
            assertThat(documented).as("docs/SECURITY.md's escape table is stale: rerun with"
                    + " ./build -pl launchers -am verify -Dtest=EscapeSuiteTest -Dsurefire.failIfNoSpecifiedTests=false -Descape.update=true")
                    .isEqualTo(markdown.strip());
        }
    }

    private String render(List<String> columns) {
        StringBuilder out = new StringBuilder("| attempt | ").append(String.join(" | ", columns)).append(" |\n|---|");
        columns.forEach(c -> out.append("---|"));
        out.append('\n');
        for (EscapeAttempt attempt : attempts) {
            out.append("| ").append(attempt.name());
            columns.forEach(c -> out.append(" | ").append(cells.getOrDefault(c + "\n" + attempt.name(), "not run")));
            out.append(" |\n");
        }
        return out.toString();
    }
}
