package io.resourcepool.http.api;

/** Answers the requests of one route. Runs on the request's virtual thread; may block on the hub. */
@FunctionalInterface
interface Endpoint {
    /**
     * Answers a request.
     *
     * @param call the request
     * @return the answer
     * @throws ProblemException or any {@link io.resourcepool.api.PoolException}, which {@link Failures} turns into a problem
     */
    Answer answer(ApiCall call);
}
