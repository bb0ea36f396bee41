package io.resourcepool.testkit.store;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.Role;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JoinToken;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.api.spi.store.SessionRecord;
import io.resourcepool.api.spi.store.UserAccount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sample records for store tests. Every time is whole milliseconds after {@link #T0}, which every store keeps
 * exactly.
 */
public final class StoreSamples {
    /** The time the samples start from. */
    public static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private StoreSamples() {}

    /**
     * A time after {@link #T0}.
     *
     * @param millis milliseconds after T0
     * @return the time
     */
    public static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /**
     * A new compute user with a bcrypt-shaped hash.
     *
     * @param name the login name
     * @return the account
     */
    public static UserAccount user(String name) {
        return UserAccount.create(name, Role.COMPUTE_USER, "$2a$12$" + "x".repeat(53), T0);
    }

    /**
     * The hex SHA-256 of a text, as tokens are kept.
     *
     * @param text the token
     * @return its hash
     */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * A live session of an hour from {@code createdAt}.
     *
     * @param token the token, of which the hash is kept
     * @param username whose session it is
     * @param createdAt when it began
     * @return the session
     */
    public static SessionRecord session(String token, String username, Instant createdAt) {
        return new SessionRecord(sha256(token), username, createdAt, createdAt.plus(Duration.ofHours(1)), Optional.empty());
    }

    /**
     * A fresh join token that expires an hour after {@code createdAt}.
     *
     * @param id its public name
     * @param secret its secret, of which the hash is kept
     * @param createdAt when it was made
     * @return the token
     */
    public static JoinToken joinToken(String id, String secret, Instant createdAt) {
        return JoinToken.create(id, sha256(secret), "admin", createdAt, createdAt.plus(Duration.ofHours(1)));
    }

    /**
     * A just-enrolled node.
     *
     * @param name its name
     * @return the node
     */
    public static NodeRecord node(String name) {
        return NodeRecord.enrolled(NodeId.of(name), name + ".example.org", "0a1b2c3d", T0);
    }

    /**
     * Resources with awkward values: a fractional load, GPUs whose names hold separators and non-ASCII text.
     *
     * @return the resources
     */
    public static NodeResources richResources() {
        return new NodeResources(64, 0.1 + 0.2, 512L << 30, 123_456_789_012L, 8L << 40, 1L << 40, List.of(
                new NodeResources.Gpu("NVIDIA", "A100-SXM4-40GB", 40L << 30),
                new NodeResources.Gpu("Ünïcødé 🚀 vendor", "model: 1, 2; \"3\"\n|", 0)));
    }

    /**
     * A spec that uses every field, with arguments and values that would trip a careless encoding.
     *
     * @return the spec
     */
    public static JobSpec richSpec() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("EMPTY", "");
        env.put("TRICKY", "a=b;c\nd 🚀 \\ 5:x");
        return JobSpec.of(List.of("/bin/sh", "-c", "echo \"$TRICKY\" | wc -c", "", "12:ab", "日本語"))
                .withTarget(NodeSelector.labelled(Map.of("gpu", "a100", "zone", "eu-1:b")))
                .withResources(new ResourceRequest(4, 8L << 30, 2, "A100 🚀:x"))
                .withTimeout(Duration.ofSeconds(90, 250))
                .withEnvironment(env)
                .withRetries(3)
                .withOutputCap(1 << 20)
                .withWorkingDirectory("src/日本 語:x")
                .withNetwork(true);
    }

    /**
     * A just-submitted job with a simple spec.
     *
     * @param owner who submitted it
     * @param submittedAt when
     * @return the job
     */
    public static JobRecord job(String owner, Instant submittedAt) {
        return JobRecord.queued(JobId.random(), JobSpec.of("echo", "hello"), owner, submittedAt);
    }

    /**
     * An outcome for an attempt.
     *
     * @param attempt the attempt
     * @param state the final state
     * @param exitCode the exit code, if any
     * @param at when
     * @return the outcome
     */
    public static JobOutcome outcome(int attempt, JobState state, Optional<Integer> exitCode, Instant at) {
        return new JobOutcome(attempt, state, exitCode, Bytes.utf8("done " + state + "\n"), "", at);
    }

    /**
     * An audit event.
     *
     * @param actor who
     * @param action what
     * @param at when
     * @return the event
     */
    public static AuditEvent event(String actor, String action, Instant at) {
        return new AuditEvent(at, actor, action, "target-of-" + action, "192.0.2.7", "detail of " + action);
    }
}
