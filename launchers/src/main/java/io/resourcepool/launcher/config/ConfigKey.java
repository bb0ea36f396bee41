package io.resourcepool.launcher.config;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.NamedProvider;
import io.resourcepool.api.spi.Providers;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every key the {@code pool} command reads, with its default and meaning. docs/CONFIGURATION.md lists the same
 * keys; a test keeps the two in step.
 */
public enum ConfigKey {
    HUB_BIND("hub.bind", "127.0.0.1:7443", "address and port the hub listens on"),
    HUB_ID("hub.id", "", "this hub's name among the hubs sharing one PostgreSQL store: 1 to 63 lower-case letters, digits or hyphens; not set: the host name and the port of hub.bind"),
    HUB_DATA_DIR("hub.data-dir", "./pool-data/hub", "where the hub keeps its CA, keys, session key and SQLite store"),
    HUB_HEARTBEAT_INTERVAL("hub.heartbeat-interval", "5s", "how often workers report"),
    HUB_NODE_TIMEOUT("hub.node-timeout", "15s", "silence after which a worker counts as gone; its running jobs are then given up (requeued where retries remain, else LOST) unless it comes back first"),
    HUB_JOB_TIMEOUT("hub.job-timeout", "1h", "wall-clock limit of a job that sets none"),
    HUB_MAX_FRAME_BYTES("hub.max-frame-bytes", "1048576", "largest frame accepted"),
    HUB_FRAME_DEADLINE("hub.frame-deadline", "10s", "time a frame may take to arrive whole"),
    HUB_WRITE_TIMEOUT("hub.write-timeout", "30s", "time one frame may take to be written; a peer that stopped reading is disconnected after it"),
    HUB_FOLLOWER_BUFFER("hub.follower-buffer", "1m", "job output buffered for each follower that reads slowly; one that needs more is dropped and told how to resume"),
    HUB_MAX_OUTPUT_CAP("hub.max-output-cap", "1g", "the largest output cap a job may ask for; a job asking for more is refused"),
    HUB_MIN_FREE_DISK("hub.min-free-disk", "64m", "free space the hub keeps on the disk of its data directory (and store file); under it, new jobs are refused until space is freed (0 switches the check off)"),
    HUB_ALLOW_TLS12("hub.allow-tls12", "false", "also accept TLS 1.2 (never lower)"),
    HUB_WORKER_CERTIFICATE_VALIDITY("hub.worker-certificate-validity", "30d",
            "how long the certificates the hub signs for workers last; workers renew theirs when a third is left"),
    HUB_LOGIN_GRACE_TIME("hub.login-grace-time", "30s", "how long a connection may stay without logging in, registering or enrolling before it is closed (1s to 1h)"),
    HUB_MAX_STARTUPS("hub.max-startups", "10:30:100",
            "start:rate:full: from start unauthenticated connections on, refuse new ones with a chance rising from rate% to 100% at full"),
    HUB_PER_SOURCE_MAX_STARTUPS("hub.per-source-max-startups", "10", "unauthenticated connections one IPv4 address or IPv6 /64 may hold at once"),
    HUB_ADMIN_PASSWORD_ENV("hub.admin-password-env", "", "environment variable holding the first admin's password"),
    HUB_ADMIN_PASSWORD_FILE("hub.admin-password-file", "", "file holding the first admin's password"),
    HUB_KEY_SEAL_ENV("hub.key-seal-env", "", "environment variable holding the secret that seals the hub's key files (CA, server, session, MFA, job-environment and audit keys); not set: not sealed"),
    HUB_KEY_SEAL_FILE("hub.key-seal-file", "", "file outside hub.data-dir holding the secret that seals the hub's key files; not set: not sealed"),
    STORE_TYPE("store.type", "sqlite", "sqlite (embedded, default) or jdbc"),
    STORE_FILE("store.file", "", "SQLite file; default <hub.data-dir>/pool.db"),
    STORE_URL("store.url", "", "JDBC URL, for store.type=jdbc"),
    STORE_USER("store.user", "", "database user, for store.type=jdbc"),
    STORE_PASSWORD_ENV("store.password-env", "", "environment variable holding the database password"),
    STORE_PASSWORD_FILE("store.password-file", "", "file holding the database password"),
    STORE_POOL_SIZE("store.pool-size", "", "database connections, for store.type=jdbc (10 when not set)"),
    STORE_CONNECT_TIMEOUT("store.connect-timeout", "", "how long to wait for a database connection, for store.type=jdbc (5s when not set)"),
    STORE_SOCKET_TIMEOUT("store.socket-timeout", "", "how long a database statement waits for the server's answer, for store.type=jdbc (15s when not set)"),
    RETENTION_JOBS("retention.jobs", "30d", "how long a finished job and its output are kept after it finished; 0 or forever keeps them"),
    RETENTION_SESSIONS("retention.sessions", "7d", "how long an expired or revoked session is kept; 0 or forever keeps them"),
    RETENTION_JOIN_TOKENS("retention.join-tokens", "30d", "how long a used or expired join token is kept; 0 or forever keeps them"),
    AUDIT_CHECKPOINT_FILE("audit.checkpoint-file", "",
            "append-only file of signed audit checkpoints and daily Merkle roots; default <hub.data-dir>/audit-checkpoints (best on another mount)"),
    AUDIT_CHECKPOINT_INTERVAL("audit.checkpoint-interval", "10m", "how often a signed checkpoint of the audit log's head is written (one is also written at every verify)"),
    AUDIT_CHECKPOINT_SYSLOG("audit.checkpoint-syslog", "", "host:port of a syslog server (UDP, RFC 5424) that gets a copy of every checkpoint line; not set: none"),
    AUDIT_CHECKPOINT_ALERTS("audit.checkpoint-alerts", "false", "true: every checkpoint and day root line also goes to the alert webhooks (alerts.webhooks) as an info alert, so a copy lives off the machine"),
    AUTH_BCRYPT_COST("auth.bcrypt-cost", "12", "bcrypt work factor, 10 or more"),
    AUTH_LOCKOUT_THRESHOLD("auth.lockout-threshold", "5", "failed logins that lock an account"),
    AUTH_LOCKOUT_DURATION("auth.lockout-duration", "15m", "how long a lock lasts"),
    AUTH_SESSION_TIMEOUT("auth.session-timeout", "15m", "how long a session (the access token sent with each request) lasts; its refresh token renews it"),
    AUTH_REFRESH_IDLE_TIMEOUT("auth.refresh-idle-timeout", "12h", "how long a refresh token may lie unused before it expires (log in again after that)"),
    AUTH_REFRESH_LIFETIME("auth.refresh-lifetime", "7d", "how long a login's refresh family lasts in all, however often it is used"),
    AUTH_MFA_REQUIRED_FOR_ADMINS("auth.mfa-required-for-admins", "false",
            "whether admins must log in with a one-time code (an admin without a second factor cannot log in)"),
    AUTH_PASSWORD_MIN_LENGTH("auth.password.min-length", "8", "the fewest UTF-8 bytes a new password may have, 8 to 72"),
    AUTH_PASSWORD_BREACHED_LIST("auth.password.breached-list", "",
            "file of breached passwords a new one must not be: one password or SHA-1 hex (HIBP's HASH:COUNT too) a line; not set: none"),
    AUTH_LOGIN_FAILURES_PER_ADDRESS("auth.login-failures-per-address", "5",
            "failed logins one source address may make in a rate-limit window before it is answered busy"),
    AUTH_ENROLMENTS_PER_ADDRESS("auth.enrolments-per-address", "10", "enrolment attempts one source address may make in a window"),
    AUTH_RATE_LIMIT_WINDOW("auth.rate-limit-window", "15m", "the window of the per-address limits on failed logins and enrolments"),
    SCHEDULER_TYPE("scheduler.type", "least-loaded", "least-loaded, round-robin or bin-pack"),
    HTTP_BIND("http.bind", "", "address and port of the hub's HTTPS API and /metrics; not set or off: no HTTP server"),
    HTTP_ALLOW_TLS12("http.allow-tls12", "false", "also accept TLS 1.2 on the HTTPS API (never lower)"),
    HTTP_MAX_BODY_BYTES("http.max-body-bytes", "65536", "largest HTTP request body accepted"),
    HTTP_METRICS_BIND("http.metrics-bind", "", "a separate address serving /metrics without a token; not set: /metrics on http.bind"),
    HTTP_MAX_CONNECTIONS("http.max-connections", "1000", "open connections the HTTPS API accepts at once; past it, new ones wait in the backlog"),
    HTTP_IDLE_TIMEOUT("http.idle-timeout", "30s", "how long an HTTPS connection may stay silent (a live output stream sends heartbeats)"),
    HTTP_MIN_REQUEST_DATA_RATE("http.min-request-data-rate", "1024",
            "bytes per second a request must arrive at, headers and body, or its connection is closed; 0 for no minimum"),
    HTTP_METRICS_ROLE("http.metrics-role", "viewer", "the weakest role whose session may read /metrics on http.bind"),
    HTTP_TLS_CERTIFICATE("http.tls-certificate", "",
            "PEM certificate chain (e.g. certbot's fullchain.pem) the HTTPS API serves instead of the hub's own; needs http.tls-key"),
    HTTP_TLS_KEY("http.tls-key", "", "PEM private key (PKCS#8, RSA or EC, unencrypted; e.g. certbot's privkey.pem) of http.tls-certificate"),
    HTTP_TLS_CHECK_INTERVAL("http.tls-check-interval", "1m",
            "how often the http.tls-* files are checked for a renewal, served without a restart; 0 for never"),
    ALERTS_WEBHOOKS("alerts.webhooks", "", "where alerts are posted: comma-separated https:// URLs, each optionally prefixed FORMAT= (generic, slack, discord or pagerduty; generic when none); not set: alerts are only audited, logged and counted"),
    ALERTS_SECRET_ENV("alerts.secret-env", "", "environment variable holding the key every delivery is signed with (HMAC-SHA256, 16 characters or more); this or alerts.secret-file is required with alerts.webhooks"),
    ALERTS_SECRET_FILE("alerts.secret-file", "", "file holding the key every delivery is signed with"),
    ALERTS_PAGERDUTY_KEY_ENV("alerts.pagerduty-key-env", "", "environment variable holding the PagerDuty routing key, for a pagerduty= webhook"),
    ALERTS_PAGERDUTY_KEY_FILE("alerts.pagerduty-key-file", "", "file holding the PagerDuty routing key, for a pagerduty= webhook"),
    ALERTS_CA_FILE("alerts.ca-file", "", "PEM file of the one CA trusted for the webhooks' certificates (a private receiver); not set: the JDK's trusted CAs"),
    ALERTS_HUB_NAME("alerts.hub-name", "", "the hub's name in its alerts; not set: the machine's host name"),
    ALERTS_QUIET_PERIOD("alerts.quiet-period", "10s", "an incident's alert is sent once its events have stopped for this long"),
    ALERTS_LONGEST_INCIDENT("alerts.longest-incident", "5m", "... or once this long after its first event, so that an endless flood is told of too"),
    ALERTS_LOGIN_FAILURES_PER_SOURCE("alerts.login-failures-per-source", "20", "failed logins (refused ones too) from one source in one incident that make a spike alert"),
    ALERTS_LOGIN_FAILURES_IN_ALL("alerts.login-failures-in-all", "100", "failed logins from all sources in one incident that make a spike alert"),
    ALERTS_ATTEMPTS("alerts.attempts", "6", "deliveries tried per alert and webhook (after a network error, a 5xx or a 429) before it is given up"),
    ALERTS_FIRST_RETRY("alerts.first-retry", "2s", "the wait before the first retry; each later one waits twice as long"),
    ALERTS_CERTIFICATE_WARNING("alerts.certificate-warning", "14d", "how long before a certificate's expiry (the hub's CA and TLS certificate, the HTTPS certificate) to alert"),
    HONEYPOT_PATHS("honeypot.paths", "/admin,/.env,/api/run,/wp-login.php,/wp-admin,/phpmyadmin,/.git/config,/actuator/env,/server-status,/config.json",
            "decoy paths on the HTTPS port, comma-separated (each and everything below it); a request is answered 404, audited, alerted and costs its source 5 failed logins; off for none"),
    HONEYPOT_ACCOUNTS("honeypot.accounts", "", "decoy user names, comma-separated (e.g. root,administrator): they never log in, and a login at one is audited and alerted"),
    HONEYPOT_JOIN_TOKENS_FILE("honeypot.join-tokens-file", "", "file of decoy join tokens, one per line: they never enroll, and an enrolment with one is audited and alerted"),
    SECURITY_CONTACT("security.contact", "", "where to report a vulnerability, comma-separated e-mail addresses or https:// URLs; served as /.well-known/security.txt on the HTTPS port (not served when not set)"),
    SECURITY_EXPIRES("security.expires", "", "the date security.txt stops being valid (e.g. 2027-06-30); not set: a year after the hub's start"),
    SECURITY_POLICY("security.policy", "", "the URL of the disclosure policy, in security.txt"),
    DISCOVERY_ANNOUNCE("discovery.announce", "false", "true: pool hub announces itself on the local network by DNS-SD (_resourcepool._tcp) with its ports, CA fingerprint and name"),
    DISCOVERY_NAME("discovery.name", "", "the hub's name in its announcement, 1 to 63 bytes; not set: the machine's host name"),
    DISCOVERY_ADDRESS("discovery.address", "", "the local address whose network DNS-SD announces on and --discover listens on; not set: the hub's bind address when it names one, else the machine's first multicast-capable non-loopback address"),
    DISCOVERY_TIMEOUT("discovery.timeout", "3s", "how long --discover listens for hubs (--discover-timeout)"),
    WORKER_HUB("worker.hub", "127.0.0.1:7443", "the hub a worker joins, or several host:port tried in turn"),
    WORKER_CA_FINGERPRINT("worker.ca-fingerprint", "", "SHA-256 fingerprint of the hub's CA (printed by join-token create)"),
    WORKER_JOIN_TOKEN_ENV("worker.join-token-env", "", "environment variable holding a join token, for the first start"),
    WORKER_JOIN_TOKEN_FILE("worker.join-token-file", "", "file holding a join token, for the first start"),
    WORKER_DATA_DIR("worker.data-dir", "./pool-data/worker", "where the worker keeps its key, certificate and job directories"),
    WORKER_LABELS("worker.labels", "", "labels, comma-separated key=value pairs, e.g. gpu=a100,zone=lab"),
    WORKER_SANDBOX("worker.sandbox", "bubblewrap", "the sandbox jobs run in: bubblewrap (needs bwrap; hides the worker's key and files) or process (no containment)"),
    WORKER_PROBE("worker.probe", "oshi", "how the worker measures its resources"),
    WORKER_JOB_UIDS("worker.job-uids", "61184-65519", "FIRST-LAST: the uids (and gids) a root worker gives its jobs, one per running job; never 0"),
    WORKER_SANDBOX_READ_ONLY_PATHS("worker.sandbox-read-only-paths", "", "for worker.sandbox=bubblewrap: extra host paths jobs see read-only, comma-separated (never the data directory or a parent of it)"),
    WORKER_KEEP_WORK_DIRS("worker.keep-work-dirs", "false", "true keeps each job's work directory (0700) when it ends, for debugging"),
    WORKER_OWNER("worker.owner", "", "the pool user who owns the worker: where jobs share its identity, only this user's jobs run"),
    WORKER_ALLOW_SHARED_IDENTITY("worker.allow-shared-identity", "false", "true runs every user's jobs even where they share the worker's identity (and can read its key)"),
    WORKER_CGROUPS("worker.cgroups", "auto", "auto: a cgroup per job (memory, processes, CPU share, kill-all) where the worker may make one; off: prlimit only"),
    WORKER_MAX_PROCESSES("worker.max-processes", "0", "the most processes a job may have at once, 0 for no limit"),
    WORKER_MAX_CPU_TIME("worker.max-cpu-time", "0", "the most CPU time a job may use, e.g. 10m; 0 for no limit"),
    WORKER_OCI_DEFAULT_IMAGE("worker.oci.default-image", "", "for worker.sandbox=oci: the image of a job that names none (--image); not set: such jobs are refused"),
    WORKER_OCI_PULL("worker.oci.pull", "missing", "for worker.sandbox=oci: when podman pulls a job's image: missing, never or always"),
    WORKER_PODMAN("worker.podman", "/usr/bin/podman", "for worker.sandbox=oci: the podman the worker runs"),
    WORKER_ALLOW_NETWORK("worker.allow-network", "", "for worker.sandbox=bubblewrap or oci: true (when not set) gives the network to jobs that ask for it (--network), false refuses them; other jobs never have it"),
    WORKER_GPU_COUNT("worker.gpu-count", "", "compute GPUs to report, instead of what the probe detects"),
    WORKER_GPU_MODEL("worker.gpu-model", "", "the model of those GPUs, e.g. a100"),
    WORKER_NVIDIA_SMI("worker.nvidia-smi", "", "the nvidia-smi that finds NVIDIA GPUs, a path or a name on PATH; not set: nvidia-smi on PATH"),
    WORKER_NVML("worker.nvml", "nvidia-ml", "NVIDIA's management library, tried before nvidia-smi: a name or a path; none: nvidia-smi only"),
    WORKER_AMDGPU_SYSFS("worker.amdgpu-sysfs", "/sys/class/drm", "the directory where the amdgpu driver's files show AMD GPUs"),
    WORKER_GPU_DEVICES("worker.gpu-devices", "/dev", "the directory holding the GPUs' device nodes (nvidia0, nvidiactl, kfd, dri/renderD128, ...); a job is given those of its GPUs"),
    CLIENT_HUB("client.hub", "127.0.0.1:7443", "the hub clients talk to, or several host:port tried in turn"),
    CLIENT_CA_FINGERPRINT("client.ca-fingerprint", "", "SHA-256 fingerprint of the hub's CA"),
    CLIENT_SESSION_FILE("client.session-file", "~/.config/resourcepool/session", "where pool login keeps the session (0600)"),
    CLIENT_AGENT("client.agent", "off", "auto: a short command that finds no pool agent starts one in the background, and later ones run in it; off: only an agent started with pool agent start is used"),
    CLIENT_AGENT_IDLE("client.agent-idle", "10m", "how long pool agent waits without a command before it exits"),
    TRANSPORT_TYPE("transport.type", "tls", "how hub, workers and clients carry frames: tls (TLS 1.3 over TCP, the one built in) or the type of a transport module on the class path"),
    LOG_LEVEL("log.level", "info", "for pool hub and pool worker: the least severe events logged: error, warn, info, debug or trace (--log-level; each -v one step more)"),
    LOG_FORMAT("log.format", "text", "text (one line per event) or json (one JSON object per line, for log collectors)"),
    LOG_FILE("log.file", "", "a file to log to instead of standard error, rotated by size; not set: standard error"),
    LOG_MAX_FILE_SIZE("log.max-file-size", "10m", "with log.file: the size at which the file is rotated, 1k or more"),
    LOG_MAX_HISTORY("log.max-history", "7", "with log.file: rotated files kept (FILE.1 newest), 1 to 20; older ones are deleted");

    private final String key;
    private final String defaultValue;
    private final String meaning;

    ConfigKey(String key, String defaultValue, String meaning) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    /**
     * The key as written in the file.
     *
     * @return for example {@code hub.bind}
     */
    public String key() {
        return key;
    }

    /**
     * The value used when neither the file nor a flag sets one; empty means "not set".
     *
     * @return the default
     */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * What the key is for.
     *
     * @return one line
     */
    public String meaning() {
        return meaning;
    }

    /**
     * The provider of an SPI whose type this key names, found by {@link Providers#select}; a failure names this key.
     *
     * @param spi the provider interface, for example {@code TransportProvider.class}
     * @param type the type configured under this key
     * @param <P> the provider interface
     * @return the one provider of that type
     * @throws ConfigurationException naming this key and the types found, when none or more than one matches
     */
    public <P extends NamedProvider> P provider(Class<P> spi, String type) {
        try {
            return Providers.select(spi, type);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds a key by its name.
     *
     * @param name for example {@code hub.bind}
     * @return the key, if known
     */
    public static Optional<ConfigKey> named(String name) {
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst();
    }
}
