package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;

/**
 * The store wrote nothing of a change the hub made under a condition that no longer held when it was written: a
 * give-up of a node's jobs under a lease another hub has since taken (or of a job no longer running in that attempt),
 * or the end of a job held waiting that another hub started first. That hub drives the job; this one must leave it
 * alone.
 */
final class WriteRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WriteRefusedException(JobId job, String what) {
        super("the store did not " + what + " job " + job + ": a condition it was written under no longer held", null, false, false);
    }

    /** Whether a failed write's cause is this refusal. */
    static boolean isCause(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof WriteRefusedException;
    }
}
