package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.fail;

import io.resourcepool.launcher.PoolCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** A bench run as a test runs it: the {@code pool} command in this JVM, its output kept. */
record BenchRun(int code, String out, String err) {

    /** Runs {@code pool ARGS…}. */
    static BenchRun of(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new))
                .execute(args.toArray(String[]::new));
        return new BenchRun(code, out.toString(), err.toString());
    }

    /** Everything it said, for an assertion's description. */
    String said() {
        return out + "\n" + err;
    }

    /**
     * Whether PostgreSQL's {@code initdb} is installed for a database of the bench's own; without it the test fails
     * under {@code POOL_TEST_DATABASES=required} (as in CI), saying what to install.
     */
    static boolean privatePostgres() {
        if (PrivatePostgres.installation().isPresent()) {
            return true;
        }
        if ("required".equals(System.getenv("POOL_TEST_DATABASES"))) {
            fail("POOL_TEST_DATABASES=required, but PostgreSQL's initdb and pg_ctl are not under /usr/lib/postgresql/*/bin:"
                    + " install the postgresql package so the bench can run a database of its own");
        }
        return false;
    }
}
