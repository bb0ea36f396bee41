package io.resourcepool.http.api;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.client.RequestRefusedException;
import io.resourcepool.http.server.Problem;
import io.resourcepool.http.server.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the hub (or a check in this gateway) refused into the problem to answer: the hub's words pass
 * through, since they never hold a secret and are written for the person who sent the request; a failure on our
 * side is logged and answered without its details.
 */
final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {}

    static Problem toProblem(RuntimeException failure, Object request) {
        return switch (failure) {
            case ProblemException p -> p.problem();
            case AuthenticationException a -> a.reason() == AuthenticationException.Reason.CODE_REQUIRED
                    ? Problems.codeRequired(a.getMessage()) : Problems.unauthenticated(a.getMessage());
            case PermissionDeniedException p -> Problems.forbidden(p.getMessage());
            case NotFoundException n -> Problems.notFound(n.getMessage());
            case BusyException b -> Problems.rateLimited(b.getMessage(), b.retryAfter());
            case RequestRefusedException r -> Problems.invalid(r.getMessage());
            case IllegalArgumentException i -> Problems.invalid(i.getMessage());
            case TransportException t -> {
                log.warn("{} could not reach the hub: {}", request, t.getMessage());
                yield Problems.unavailable("the hub cannot take requests now; try again shortly");
            }
            default -> {
                log.error("{} failed", request, failure);
                yield Problems.internal();
            }
        };
    }
}
