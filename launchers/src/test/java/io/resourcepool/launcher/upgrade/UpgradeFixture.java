package io.resourcepool.launcher.upgrade;

import io.resourcepool.api.JobId;
import io.resourcepool.api.Secret;
import java.nio.file.Path;
import java.util.List;

/**
 * What the committed upgrade fixtures hold, shared by the program that writes them ({@link UpgradeFixtureWriter}) and
 * the test that opens them ({@link UpgradeFromEarlierSchemasTest}). Each fixture is a hub's {@code pool.db} under
 * {@code src/test/resources/upgrade/schema-vN/}.
 */
final class UpgradeFixture {
    static final Path RESOURCES = Path.of("src", "test", "resources", "upgrade");
    static final Secret ADMIN_PASSWORD = Secret.of("admin-password-of-the-fixture");
    static final Secret DANA_PASSWORD = Secret.of("dana-password-of-the-fixture");
    /** A finished job with output, a failed one, and one still queued. */
    static final JobId SUCCEEDED = JobId.parse("00000000-0000-4000-8000-000000000001");
    static final JobId FAILED = JobId.parse("00000000-0000-4000-8000-000000000002");
    static final JobId QUEUED = JobId.parse("00000000-0000-4000-8000-000000000003");
    static final List<JobId> JOBS = List.of(SUCCEEDED, FAILED, QUEUED);
    static final String OUTPUT = "made for the upgrade fixture\n";
    /** Every schema version there is a fixture of, oldest first. */
    static final List<Integer> VERSIONS = List.of(1, 2, 3, 4, 5, 6);

    /**
     * The hub's audit key and the number of its first keyed row, beside the fixtures of a hub that had the key
     * (schema version 3 on); the earlier fixtures were left by hubs before it, whose rows are plain SHA-256.
     */
    static final List<String> AUDIT_KEY_FILES = List.of("audit-key", "audit-key.first-row");

    private UpgradeFixture() {}

    static String directory(int version) {
        return "schema-v" + version;
    }
}
