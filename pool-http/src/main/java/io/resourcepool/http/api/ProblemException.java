package io.resourcepool.http.api;

import io.resourcepool.http.server.Problem;

/** Ends a request with a problem document: thrown where the fault is found, answered by {@link ApiHandler}. */
final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
