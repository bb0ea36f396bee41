package io.resourcepool.launcher.escape;

import io.resourcepool.api.spi.sandbox.IsolationFeature;
import java.util.Objects;
import java.util.Set;

/**
 * One thing a hostile tenant tries on a shared worker, and the isolation features any one of which promises to
 * refuse it. A sandbox that claims none of them may let the attempt through, as long as its isolation report
 * says so; a sandbox that claims one and lets it through is broken.
 *
 * @param name what the tenant tries, as the table in SECURITY.md says it
 * @param refusedBy the features that promise a refusal
 * @param probe runs the attempt as the tenant and says whether it got through
 */
record EscapeAttempt(String name, Set<IsolationFeature> refusedBy, Probe probe) {
    EscapeAttempt {
        Objects.requireNonNull(name, "name must be given");
        refusedBy = Set.copyOf(refusedBy);
        Objects.requireNonNull(probe, "probe must be given");
    }

    /** Runs the attempt against one node and tells what happened. */
    @FunctionalInterface
    interface Probe {
        /**
         * @param target the node, its tenant's session and the victims it can aim at
         * @return whether the attempt got through, with the evidence
         * @throws Exception when the attempt could not be made at all
         */
        Outcome attempt(EscapeTarget target) throws Exception;
    }

    /**
     * What one attempt did.
     *
     * @param tried whether the attempt could be made at all (a tool it needs may be missing from the job's view)
     * @param escaped whether it got what it was after
     * @param evidence what shows it: the job's state and output, or what the test saw on the host
     */
    record Outcome(boolean tried, boolean escaped, String evidence) {
        static Outcome escapedIf(boolean escaped, String evidence) {
            return new Outcome(true, escaped, evidence);
        }

        static Outcome notTried(String why) {
            return new Outcome(false, false, why);
        }
    }

    /** Whether a sandbox that claims {@code features} promises to refuse this attempt. */
    boolean promisedBy(Set<IsolationFeature> features) {
        return refusedBy.stream().anyMatch(features::contains);
    }
}
