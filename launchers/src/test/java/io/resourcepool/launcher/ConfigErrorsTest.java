package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code pool} command's answers to bad configuration and bad usage, run in this JVM: exit code 2 with a
 * message naming the key at fault, 1 for a request that cannot be made, 0 for help. None of these may get as far
 * as starting a hub or worker.
 */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    /** What one run of the command did. */
    private record Outcome(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            hub.heartbeat-interval | soon    | a duration
            hub.bind               | nowhere | host:port
            auth.bcrypt-cost       | ten     | a whole number
            hub.allow-tls12        | yes     | true or false
            auth.bcrypt-cost       | 8       | between 10 and 20
            auth.lockout-duration  | 0s      | must be positive
            hub.max-frame-bytes    | 100     | at least 1024
            auth.login-failures-per-address | 0  | between 1 and 100000
            auth.rate-limit-window | 0s      | must be positive
            auth.password.min-length | 6     | between 8 and 72
            auth.password.min-length | 73    | between 8 and 72
            auth.password.breached-list | no-such-breached-list.txt | cannot read the breached-password list
            hub.login-grace-time   | 0s      | between 1s and 1h
            hub.max-startups       | 10:30   | start:rate:full
            hub.per-source-max-startups | 0  | between 1 and 1000000
            hub.min-free-disk      | lots    | a size such as 65536, 512k, 1m or 2g
            hub.min-free-disk      | -64m    | a size such as 65536, 512k, 1m or 2g
            hub.min-free-disk      | 2t      | hub.min-free-disk must be from 0 (no reserve) to 1099511627776 (1 TiB), was 2199023255552
            retention.jobs         | soon    | a duration such as 30d
            retention.sessions     | 10m     | at least 1 hour
            retention.join-tokens  | -1d     | a duration such as 30d
            """)
    void aBadValueInTheFileStopsTheHubBeforeItMakesAnythingNamingTheKey(String key, String value, String explanation) throws IOException {
        Path file = configFile(key + "=" + value);

        Outcome hub = pool("hub", "--config", file.toString(), "--data-dir", dir.resolve("hub").toString());

        assertThat(hub.exitCode()).as(hub.toString()).isEqualTo(2);
        assertThat(hub.err()).as(hub.toString()).startsWith("pool: configuration error: ").contains(key, explanation);
        assertThat(hub.out()).as(hub.toString()).doesNotContain("listening");
        assertThat(dir.resolve("hub")).as("refused before making a CA or a store").doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            log.level=loud                                   | log.level is 'loud', which is not one of error, warn, info, debug, trace
            log.format=xml                                   | log.format is 'xml', which is not text or json
            log.file=LOGDIR/pool.log,log.max-history=50      | log.max-history is 50; it must be between 1 and 20
            log.file=LOGDIR/pool.log,log.max-file-size=512   | log.max-file-size is 512 bytes
            log.file=LOGDIR/pool.log,log.max-file-size=huge  | log.max-file-size is 'huge', which is not a size
            log.file=LOGDIR/missing/pool.log                 | does not exist; make the directory, or point log.file elsewhere
            """)
    void badLogSettingsStopTheHubAndTheWorkerNamingTheKey(String settings, String explanation) throws IOException {
        Path file = configFile(settings.replace("LOGDIR", dir.toString()).split(","));
        for (String role : List.of("hub", "worker")) {
            Outcome refused = pool(role, "--config", file.toString(), "--data-dir", dir.resolve(role).toString());

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).as(refused.toString()).startsWith("pool: configuration error: ").contains(explanation);
            assertThat(dir.resolve(role)).as("refused before making anything").doesNotExist();
        }
        Outcome flag = pool("hub", "--log-level", "chatty", "--data-dir", dir.resolve("hub").toString());
        assertThat(flag.err()).as(flag.toString()).contains("log.level is 'chatty'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alerts.webhooks=https://alerts.example.org/pool                      | alerts.webhooks is set but neither alerts.secret-env nor alerts.secret-file is
            alerts.webhooks=http://alerts.example.org/pool                       | must be an https:// URL
            alerts.webhooks=teams=https://alerts.example.org/pool                | unknown webhook format 'teams'
            alerts.webhooks=pagerduty=https://events.pagerduty.com/v2/enqueue    | a pagerduty= webhook needs the service's routing key
            alerts.quiet-period=10m                                              | alerts.longest-incident (PT5M) must be at least alerts.quiet-period
            honeypot.paths=/v1/jobs                                              | honeypot.paths: the decoy path /v1/jobs is one the hub serves for real
            honeypot.accounts=no way                                             | honeypot.accounts: 'no way' is not a user name
            security.contact=ftp://example.org                                   | a security contact is a mailto:, https: or tel: URI
            """)
    void badAlertAndDecoySettingsStopTheHubNamingTheKey(String setting, String explanation) {
        Outcome hub = pool("hub", "--data-dir", dir.resolve("hub").toString(), "--set", "http.bind=127.0.0.1:0", "--set", setting);

        assertThat(hub.exitCode()).as(hub.toString()).isEqualTo(2);
        assertThat(hub.err()).as(hub.toString()).startsWith("pool: configuration error: ").contains(explanation);
        assertThat(dir.resolve("hub")).as("refused before making a CA or a store").doesNotExist();
    }

    @Test
    void aBadEntryInAListOfHubsStopsTheWorkerAndTheClientNamingTheKeyAndTheEntry() {
        Outcome worker = pool("worker", "--data-dir", dir.resolve("worker").toString(), "--hub", "127.0.0.1:1,hub-b",
                "--ca-fingerprint", "00".repeat(32));
        Outcome client = pool("nodes", "--hub", "127.0.0.1:1,[::1]:70000", "--ca-fingerprint", "00".repeat(32));

        assertThat(worker.exitCode()).as(worker.toString()).isEqualTo(2);
        assertThat(worker.err()).as(worker.toString()).contains("worker.hub is '127.0.0.1:1,hub-b', whose entry 'hub-b' is not host:port");
        assertThat(dir.resolve("worker")).as("refused before making anything").doesNotExist();
        assertThat(client.exitCode()).as(client.toString()).isEqualTo(2);
        assertThat(client.err()).as(client.toString()).contains("client.hub is '127.0.0.1:1,[::1]:70000', whose entry '[::1]:70000'");
    }

    @Test
    void aNodeTimeoutShorterThanTwoHeartbeatsNamesBothKeys() {
        Outcome hub = pool("hub", "--data-dir", dir.resolve("hub").toString(),
                "--set", "hub.heartbeat-interval=5s", "--set", "hub.node-timeout=6s");

        assertThat(hub.exitCode()).as(hub.toString()).isEqualTo(2);
        assertThat(hub.err()).as(hub.toString()).contains("hub.node-timeout", "hub.heartbeat-interval");
    }

    @Test
    void anUnknownProviderTypeNamesItsKeyAndWhatWasFoundBeforeAnythingIsCreated() {
        Outcome hub = pool("hub", "--data-dir", dir.resolve("hub").toString(), "--set", "scheduler.type=fastest", "--set", "store.type=oracle");

        assertThat(hub.exitCode()).as(hub.toString()).isEqualTo(2);
        assertThat(hub.err()).as(hub.toString()).contains("scheduler.type: no SchedulerProvider of type 'fastest'", "'least-loaded'");
        assertThat(dir.resolve("hub")).doesNotExist();

        Outcome store = pool("hub", "--data-dir", dir.resolve("hub").toString(), "--set", "store.type=oracle");
        assertThat(store.err()).as(store.toString()).contains("store.type: no StoreProvider of type 'oracle'", "'sqlite'", "'jdbc'");
        assertThat(dir.resolve("hub")).doesNotExist();
    }

    @Test
    void anUnknownTransportTypeNamesTheKeyAndTheKnownTypesInHubWorkerAndClient() {
        Outcome hub = pool("hub", "--data-dir", dir.resolve("hub").toString(), "--set", "transport.type=quic");
        Outcome worker = pool("worker", "--data-dir", dir.resolve("worker").toString(), "--hub", "127.0.0.1:1",
                "--ca-fingerprint", "00".repeat(32), "--set", "transport.type=quic");
        Outcome client = pool("nodes", "--hub", "127.0.0.1:1", "--ca-fingerprint", "00".repeat(32), "--set", "transport.type=quic");

        for (Outcome refused : List.of(hub, worker, client)) {
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).as(refused.toString()).contains("transport.type: no TransportProvider of type 'quic'", "'tls'");
        }
        assertThat(dir.resolve("hub")).as("refused before making a CA or a store").doesNotExist();
    }

    @Test
    void aMisspeltKeyInTheFileIsRefusedNamingItAndTheFile() throws IOException {
        Path file = configFile("hub.bnid=0.0.0.0:7443");

        Outcome hub = pool("hub", "--config", file.toString(), "--data-dir", dir.resolve("hub").toString());

        assertThat(hub.exitCode()).as(hub.toString()).isEqualTo(2);
        assertThat(hub.err()).as(hub.toString()).contains("unknown configuration key 'hub.bnid'", file.toString(), "hub.bind");
        assertThat(dir.resolve("hub")).doesNotExist();
    }

    @Test
    void aMisspeltKeyInASetFlagIsRefusedNamingIt() {
        Outcome worker = pool("worker", "--set", "worker.hbu=127.0.0.1:7443", "--data-dir", dir.resolve("worker").toString());

        assertThat(worker.exitCode()).as(worker.toString()).isEqualTo(2);
        assertThat(worker.err()).as(worker.toString()).contains("unknown configuration key 'worker.hbu' in a --set flag");
    }

    @Test
    void aBadValueInASetFlagWinsOverAGoodFileAndIsNamed() throws IOException {
        Path file = configFile("hub.job-timeout=30m");

        Outcome hub = pool("hub", "--config", file.toString(), "--set", "hub.job-timeout=forever", "--data-dir", dir.resolve("hub").toString());

        assertThat(hub.exitCode()).as(hub.toString()).isEqualTo(2);
        assertThat(hub.err()).as(hub.toString()).contains("hub.job-timeout is 'forever', which is not a duration");
    }

    @Test
    void aSetFlagWithoutAnEqualsSignIsAUsageError() {
        Outcome hub = pool("hub", "--set", "hub.bind", "--data-dir", dir.resolve("hub").toString());

        assertThat(hub.exitCode()).as(hub.toString()).isEqualTo(2);
        assertThat(hub.err()).as(hub.toString()).contains("--set", "hub.bind");
    }

    @Test
    void badWorkerLabelsAreNamed() {
        Outcome worker = pool("worker", "--ca-fingerprint", "00", "--set", "worker.labels=gpu", "--data-dir", dir.resolve("worker").toString());

        assertThat(worker.exitCode()).as(worker.toString()).isEqualTo(2);
        assertThat(worker.err()).as(worker.toString()).contains("worker.labels is 'gpu', which is not a list of key=value pairs");
    }

    @Test
    void aWorkerWithoutTheHubsFingerprintIsToldWhichKeyToSet() {
        Outcome worker = pool("worker", "--data-dir", dir.resolve("worker").toString());

        assertThat(worker.exitCode()).as(worker.toString()).isEqualTo(2);
        assertThat(worker.err()).as(worker.toString()).contains("worker.ca-fingerprint must be set");
    }

    @Test
    void anAdminPasswordVariableThatIsNotSetIsNamedWithoutStartingTheHub() {
        String variable = "POOL_TEST_VARIABLE_THAT_IS_NEVER_SET";
        assertThat(System.getenv(variable)).isNull();

        Outcome hub = pool("hub", "--set", "hub.admin-password-env=" + variable, "--data-dir", dir.resolve("hub").toString());

        assertThat(hub.exitCode()).as(hub.toString()).isEqualTo(2);
        assertThat(hub.err()).as(hub.toString()).contains("hub.admin-password-env names environment variable " + variable + ", which is not set");
        assertThat(dir.resolve("hub")).doesNotExist();
    }

    @Test
    void aConfigurationFileThatDoesNotExistIsNamed() {
        Path missing = dir.resolve("absent.conf");

        Outcome nodes = pool("nodes", "--config", missing.toString());

        assertThat(nodes.exitCode()).as(nodes.toString()).isEqualTo(2);
        assertThat(nodes.err()).as(nodes.toString()).contains("cannot read configuration file " + missing);
    }

    @Test
    void aBadHubAddressForLoginIsNamedByItsKey() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "a-password-for-tests\n");

        Outcome login = pool("login", "--hub", "nowhere", "--ca-fingerprint", "00", "--user", "admin",
                "--password-file", password.toString(), "--set", "client.session-file=" + dir.resolve("session"));

        assertThat(login.exitCode()).as(login.toString()).isEqualTo(2);
        assertThat(login.err()).as(login.toString()).contains("client.hub is 'nowhere'").doesNotContain("a-password-for-tests");
        assertThat(dir.resolve("session")).doesNotExist();
    }

    @Test
    void runWithoutASavedSessionSaysNotLoggedIn() {
        Outcome run = pool("run", "--set", "client.session-file=" + dir.resolve("no-session"), "--", "echo", "hello");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString()).contains("not logged in", "pool login");
        assertThat(run.out()).as(run.toString()).isEmpty();
    }

    @Test
    void helpListsEverySubcommandAndExitsZero() {
        Outcome help = pool("--help");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).as(help.toString()).startsWith("Usage: pool");
        for (String sub : List.of("hub", "worker", "login", "logout", "nodes", "status", "run", "admin", "demo", "bench")) {
            assertThat(help.out()).as(help.toString()).containsPattern("(?m)^  " + sub + "\\s");
        }
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        Outcome unknown = pool("sumbit", "--", "echo", "hello");

        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).as(unknown.toString()).contains("sumbit");
        assertThat(unknown.out()).as(unknown.toString()).isEmpty();
    }

    private Outcome pool(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path configFile(String... lines) throws IOException {
        Path file = dir.resolve("pool.conf");
        Files.write(file, List.of(lines));
        return file;
    }
}
