package io.resourcepool.core.auth;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.KeySeal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Seals the values of a job's environment (where users put API tokens and passwords) before the job reaches the
 * store, with AES-256-GCM under a key kept in the file {@value #FILE_NAME} of the hub's data directory (mode
 * 0600, made on first start), and opens them again when the hub sends the job to a worker. The variables' names
 * stay readable. The job's id and the variable's name are bound in as associated data, so a sealed value moved to
 * another job or another variable does not open. A copy of the database alone gives no value away.
 *
 * <p>A stored value is sealed when it starts with {@value #SEALED_PREFIX}; a value without it was stored by a
 * hub from before sealing, and is given to the job as it is.
 */
public final class EnvironmentVault {
    /** The key file's name inside the data directory. */
    public static final String FILE_NAME = "job-env-key";
    /** What a sealed value starts with in the store. */
    public static final String SEALED_PREFIX = "sealed/1:";
    /** The longest value, in UTF-8 bytes, whose sealed form still fits in a job spec's value. */
    public static final int MAX_VALUE_BYTES = (JobSpec.MAX_ARGUMENT_CHARS - SEALED_PREFIX.length()) / 4 * 3 - AesGcm.OVERHEAD_BYTES;

    private static final KeyFile FILE = new KeyFile(FILE_NAME, 32,
            "the jobs that are queued, and those running that would be retried, then fail as their environments no longer open");

    private final byte[] key;

    private EnvironmentVault(byte[] key) {
        this.key = key;
    }

    /**
     * Reads the key from the data directory, or makes and saves a new one when there is none.
     *
     * @param dataDir the hub's data directory; made if missing
     * @return the vault
     * @throws ConfigurationException when the file cannot be read or written, or does not hold a key
     */
    public static EnvironmentVault openOrCreate(Path dataDir) {
        return new EnvironmentVault(FILE.openOrCreate(dataDir));
    }

    /**
     * Reads the key as {@link #openOrCreate(Path)} does, with the file sealed under a key kept outside the data
     * directory (sealed in place when found unsealed).
     *
     * @param dataDir the hub's data directory; made if missing
     * @param seal the seal of the file
     * @return the key
     * @throws ConfigurationException when the file cannot be read or written, does not hold a key, or does not open
     */
    public static EnvironmentVault openOrCreate(Path dataDir, KeySeal seal) {
        return new EnvironmentVault(FILE.openOrCreate(dataDir, seal));
    }

    /**
     * A vault whose key lives only in memory, for tests and embedding: values sealed by it cannot be read after
     * the hub stops.
     *
     * @return a vault with a random key
     */
    public static EnvironmentVault inMemory() {
        return new EnvironmentVault(FILE.random());
    }

    /**
     * The spec as the store may keep it: every environment value sealed for this job.
     *
     * @param job the job's id
     * @param spec the spec as submitted
     * @return the spec with sealed values
     * @throws IllegalArgumentException when a value is longer than {@link #MAX_VALUE_BYTES} in UTF-8
     */
    public JobSpec seal(JobId job, JobSpec spec) {
        return spec.withEnvironment(each(spec.environment(), (name, value) -> SEALED_PREFIX + AesGcm.seal(key, bound(job, name), plain(name, value))));
    }

    /**
     * The spec as the job needs it: every sealed environment value opened.
     *
     * @param job the job's id
     * @param stored the spec as the store keeps it
     * @return the spec with the values as submitted
     * @throws ConfigurationException when a value does not open with this key, naming the key file
     */
    public JobSpec open(JobId job, JobSpec stored) {
        return stored.withEnvironment(each(stored.environment(), (name, value) -> opened(job, name, value)));
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "EnvironmentVault[hidden]";
    }

    private String opened(JobId job, String name, String value) {
        if (!value.startsWith(SEALED_PREFIX)) {
            return value;
        }
        return AesGcm.open(key, bound(job, name), value.substring(SEALED_PREFIX.length()))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseThrow(() -> new ConfigurationException("the environment variable " + name + " of job " + job
                        + " does not open with the key in the file " + FILE_NAME + " of the hub's data directory (the key file was"
                        + " deleted or replaced since the job was submitted, or the job's row was altered); submit the job again"));
    }

    private static byte[] plain(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("environment value of " + name + " is " + bytes.length + " bytes in UTF-8; at most "
                    + MAX_VALUE_BYTES + " are allowed, as the hub stores it sealed");
        }
        return bytes;
    }

    private static byte[] bound(JobId job, String name) {
        return ("job-env\0" + job + "\0" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> each(Map<String, String> environment, BiFunction<String, String, String> change) {
        // in the names' order, so that a refusal names the same variable every time
        Map<String, String> changed = new LinkedHashMap<>();
        new TreeMap<>(environment).forEach((name, value) -> changed.put(name, change.apply(name, value)));
        return changed;
    }
}
