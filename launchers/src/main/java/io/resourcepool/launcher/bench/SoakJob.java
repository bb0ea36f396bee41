package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.JobState;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job the soak's clients had accepted (the hub gave its id), what kind it is, and what its client saw of its end.
 *
 * @param id the job
 * @param kind what it runs and where
 * @param marker the line a real worker's job prints, which its stored output must hold when it succeeded
 * @param seen the end the client was told of, if it stayed to see it
 */
record SoakJob(JobId id, Kind kind, String marker, Optional<JobState> seen) {
    /** The label of the real workers, so jobs can be aimed at them or at the fleet. */
    static final Map<String, String> REAL_LABELS = Map.of("soak", "real");

    /** What a soak job does. */
    enum Kind {
        /** {@code true} on a simulated worker of the fleet: no process, a result at once. */
        FLEET,
        /** A shell on a real worker that prints its marker. */
        REAL,
        /** A long sleep on a real worker, cancelled by its client. */
        CANCELLED,
        /** A shell on a real worker that prints for a while, followed by a client process. */
        FOLLOWED
    }

    SoakJob {
        Objects.requireNonNull(id, "id must be given");
        Objects.requireNonNull(kind, "kind must be given");
        Objects.requireNonNull(marker, "marker must be given");
        Objects.requireNonNull(seen, "seen must be given (empty when the client did not see the end)");
    }

    /**
     * The spec of a job of this kind.
     *
     * @param kind what it does
     * @param marker the line it prints at its end
     * @return the spec
     */
    static JobSpec spec(Kind kind, String marker) {
        return switch (kind) {
            case FLEET -> JobSpec.of("true").withTarget(NodeSelector.labelled(FleetProcess.LABELS));
            case REAL -> JobSpec.of("sh", "-c", "echo " + marker).withTarget(NodeSelector.labelled(REAL_LABELS));
            case CANCELLED -> JobSpec.of("sleep", "60").withTarget(NodeSelector.labelled(REAL_LABELS)).withTimeout(Duration.ofMinutes(2));
            case FOLLOWED -> JobSpec.of("sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do echo tick $i; sleep 1; done; echo " + marker)
                    .withTarget(NodeSelector.labelled(REAL_LABELS));
        };
    }

    /** This job, with the end its client saw. */
    SoakJob seen(JobState state) {
        return new SoakJob(id, kind, marker, Optional.of(state));
    }

    /** Whether its client was the one to end it (so CANCELLED is the expected end). */
    boolean cancelledByClient() {
        return kind == Kind.CANCELLED;
    }

    /** Whether a result of this job, when it succeeded, must carry its marker. */
    boolean printsMarker() {
        return kind == Kind.REAL || kind == Kind.FOLLOWED;
    }
}
