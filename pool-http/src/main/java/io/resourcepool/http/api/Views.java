package io.resourcepool.http.api;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.JoinTokenGrant;
import io.resourcepool.core.client.JoinTokenInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.core.client.UserInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the API's answers, one record each, in the order their members are written. Times are
 * ISO-8601 UTC text; absent values are {@code null}; sizes are bytes; output is UTF-8 text (bytes that are not
 * UTF-8 become U+FFFD). docs/HTTP.md and the OpenAPI document describe the same shapes; the {@code pool} command's
 * {@code --output json} writes the same ones (docs/CLI.md), so a script reads one shape from either.
 */
public final class Views {
    private Views() {}

    record Session(String token, String tokenType, String expiresAt, String username, String role, boolean passwordChangeRequired,
            String refreshToken, String refreshExpiresAt) {
        /** The session the hub opened, with the refresh token issued with it (empty strings when none). */
        static Session of(io.resourcepool.core.client.SessionGrant session, String username) {
            return new Session(session.token().reveal(), "Bearer", session.expiresAt().toString(), username, session.role().wireName(),
                    session.passwordChangeRequired(), session.refreshToken().map(io.resourcepool.api.Secret::reveal).orElse(""),
                    session.refreshExpiresAt().map(Object::toString).orElse(""));
        }
    }

    /** See docs/HTTP.md. */
    public record Gpu(int index, String uuid, String vendor, String model, long memoryBytes, long memoryUsedBytes, double utilization,
            int temperatureCelsius, Optional<String> heldBy) {
        /** The view of the client's value. */
        public static Gpu of(NodeResources.Gpu g) {
            return new Gpu(g.index(), g.uuid(), g.vendor(), g.model(), g.memoryBytes(), g.memoryUsedBytes(), g.utilization(), g.temperatureCelsius(),
                    g.busy() ? Optional.of(g.heldBy()) : Optional.empty());
        }
    }

    /** See docs/HTTP.md. */
    public record Resources(int logicalCpus, double cpuLoad, long memoryTotalBytes, long memoryAvailableBytes, long storageTotalBytes,
            long storageAvailableBytes, List<Gpu> gpus) {
        /** The view of the client's value. */
        public static Resources of(NodeResources r) {
            return new Resources(r.logicalCpus(), r.cpuLoad(), r.memoryTotalBytes(), r.memoryAvailableBytes(), r.storageTotalBytes(),
                    r.storageAvailableBytes(), r.gpus().stream().map(Gpu::of).toList());
        }
    }

    /** See docs/HTTP.md. */
    public record Node(String id, String hostname, boolean online, boolean drained, Map<String, String> labels, Optional<String> lastHeartbeat,
            int runningJobs, String sandbox, Resources resources, Optional<String> certificateExpiresAt) {
        /** The view of the client's value. */
        public static Node of(NodeInfo n) {
            return new Node(n.id().value(), n.hostname(), n.online(), n.drained(), n.labels(), n.lastHeartbeat().map(Instant::toString),
                    n.runningJobs(), n.sandbox(), Resources.of(n.resources()), n.certificateExpiresAt().map(Instant::toString));
        }
    }

    /** See docs/HTTP.md. */
    public record Aggregate(int onlineNodes, long logicalCpus, double cpusInUse, long memoryTotalBytes, long memoryAvailableBytes,
            long memoryInUseBytes, long storageTotalBytes, long storageAvailableBytes, int gpus, String computedAt) {
        /** The view of the client's value. */
        public static Aggregate of(PoolAggregate a) {
            return new Aggregate(a.onlineNodes(), a.logicalCpus(), a.cpusInUse(), a.memoryTotalBytes(), a.memoryAvailableBytes(),
                    Math.max(0, a.memoryTotalBytes() - a.memoryAvailableBytes()), a.storageTotalBytes(), a.storageAvailableBytes(),
                    a.gpus(), a.computedAt().toString());
        }
    }

    /** See docs/HTTP.md. */
    public record Usage(String username, double gpuSeconds) {
        /** The view of the client's value. */
        public static Usage of(io.resourcepool.core.client.UserUsage u) {
            return new Usage(u.username(), u.gpuSeconds());
        }
    }

    /** See docs/HTTP.md. */
    public record Job(String id, String owner, String state, int attempt, Optional<String> node, String submittedAt, Optional<String> startedAt,
            Optional<String> finishedAt, Optional<Integer> exitCode, String reason, List<String> command, int gpus, double gpuSeconds,
            Optional<String> outputTail) {
        /** The view of the client's value. */
        public static Job listed(JobInfo j) {
            return of(j, Optional.empty());
        }

        /** The view of the client's value. */
        public static Job detailed(JobInfo j) {
            return of(j, Optional.of(j.outputTail().asUtf8()));
        }

        private static Job of(JobInfo j, Optional<String> tail) {
            return new Job(j.id().toString(), j.owner(), j.state().name(), j.attempt(), j.node().map(NodeId::value),
                    j.submittedAt().toString(), j.startedAt().map(Instant::toString), j.finishedAt().map(Instant::toString), j.exitCode(),
                    j.reason(), j.command(), j.gpus(), j.gpuSeconds(), tail);
        }
    }

    record Accepted(String id) {}

    record Run(String id, Optional<String> node, String state, Optional<Integer> exitCode, String stdout, String stderr,
            boolean outputTruncated, String reason) {
        static Run of(RunResult r) {
            return new Run(r.job().toString(), r.node().map(NodeId::value), r.state().name(), r.exitCode(), r.stdout().asUtf8(),
                    r.stderr().asUtf8(), r.outputTruncated(), r.reason());
        }
    }

    /** The last event of an output stream: how the job ended. */
    record Result(String id, Optional<String> node, String state, Optional<Integer> exitCode, boolean outputTruncated, String reason) {
        static Result of(RunResult r) {
            return new Result(r.job().toString(), r.node().map(NodeId::value), r.state().name(), r.exitCode(), r.outputTruncated(), r.reason());
        }
    }

    record Output(String channel, String text) {}

    record Dropped(String id, String detail) {}

    /** See docs/HTTP.md. */
    public record User(String username, String role, boolean locked, String createdAt) {
        /** The view of the client's value. */
        public static User of(UserInfo u) {
            return new User(u.username(), u.role().wireName(), u.locked(), u.createdAt().toString());
        }
    }

    /** See docs/HTTP.md. */
    public record JoinToken(String id, String createdBy, String createdAt, String expiresAt, Optional<String> usedAt, Optional<String> usedBy,
            boolean revoked) {
        /** The view of the client's value. */
        public static JoinToken of(JoinTokenInfo t) {
            return new JoinToken(t.id(), t.createdBy(), t.createdAt().toString(), t.expiresAt().toString(), t.usedAt().map(Instant::toString),
                    t.usedBy().map(NodeId::value), t.revoked());
        }
    }

    /** A new join token: the only time the token itself is shown. */
    record NewJoinToken(String id, String token, String expiresAt, String caFingerprint) {
        static NewJoinToken of(JoinTokenGrant g) {
            return new NewJoinToken(g.id(), g.token().reveal(), g.expiresAt().toString(), g.caFingerprint());
        }
    }
}
