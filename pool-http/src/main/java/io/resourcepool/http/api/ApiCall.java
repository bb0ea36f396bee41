package io.resourcepool.http.api;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.Secret;
import io.resourcepool.http.server.Problems;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request as an endpoint sees it: the route that took it, its path and query parameters, who sent it (the
 * peer's {@code ip:port}, which the hub's rate limits and audit rows name) with what credential, and its body.
 *
 * @param route the route
 * @param pathParameters the template's values
 * @param queryParameters the query's values, each given once
 * @param authorization the {@code Authorization} header, if sent
 * @param peer the client's address, {@code ip:port} or {@code [v6]:port}
 * @param body the body, empty for routes that take none
 * @param clientCertificates the chain the client presented on the TLS connection, leaf first, not yet checked; empty
 *     when it presented none (people and the CLI never do; agents do)
 */
record ApiCall(Route route, Map<String, String> pathParameters, Map<String, String> queryParameters, Optional<String> authorization,
        String peer, Bytes body, List<X509Certificate> clientCertificates) {
    private static final String BEARER = "bearer ";

    /** Checks the fields and copies the maps. */
    ApiCall {
        Objects.requireNonNull(route, "route must be given");
        pathParameters = Map.copyOf(pathParameters);
        queryParameters = Map.copyOf(queryParameters);
        Objects.requireNonNull(authorization, "authorization must be given (empty when not sent)");
        Objects.requireNonNull(peer, "peer must be given");
        Objects.requireNonNull(body, "body must be given");
        clientCertificates = List.copyOf(clientCertificates);
    }

    /** A request on a connection without a client certificate. */
    ApiCall(Route route, Map<String, String> pathParameters, Map<String, String> queryParameters, Optional<String> authorization,
            String peer, Bytes body) {
        this(route, pathParameters, queryParameters, authorization, peer, body, List.of());
    }

    /**
     * The session token the request carries, as {@code Authorization: Bearer TOKEN}.
     *
     * @return the token
     * @throws ProblemException 401 when there is none, or the header is of another scheme
     */
    Secret token() {
        return bearer(authorization);
    }

    /**
     * The session token an {@code Authorization} header carries.
     *
     * @param authorization the header, if sent
     * @return the token
     * @throws ProblemException 401 when there is none, or the header is of another scheme
     */
    static Secret bearer(Optional<String> authorization) {
        String header = authorization.orElseThrow(() -> new ProblemException(Problems.unauthenticated(
                "this endpoint needs a session: log in with POST /v1/auth/login and send the token as Authorization: Bearer TOKEN")));
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.substring(BEARER.length()).isBlank()) {
            throw new ProblemException(Problems.unauthenticated("the Authorization header must be of the form Bearer TOKEN"));
        }
        return Secret.of(header.substring(BEARER.length()).strip());
    }

    /**
     * The body as a JSON object with only these fields.
     *
     * @param known the fields the endpoint reads
     * @return the object
     */
    JsonObject json(Set<String> known) {
        return JsonObject.parse(body.toByteArray(), known);
    }

    /**
     * A value of the path's template.
     *
     * @param name for example {@code id}
     * @return its value
     */
    String pathParameter(String name) {
        return Objects.requireNonNull(pathParameters.get(name), () -> route.template() + " has no parameter " + name);
    }

    /**
     * A query parameter, when given.
     *
     * @param name its name
     * @return its value
     */
    Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    /**
     * A whole-number query parameter, when given.
     *
     * @param name its name
     * @param min the least value allowed
     * @param max the greatest value allowed
     * @return its value
     * @throws ProblemException a 400 naming the parameter when it is not a whole number in range
     */
    Optional<Integer> queryWhole(String name, int min, int max) {
        return query(name).map(text -> {
            Optional<Integer> value = text.matches("[0-9]{1,9}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
            return value.filter(v -> v >= min && v <= max).orElseThrow(() -> new ProblemException(
                    Problems.invalidField(name, name + " must be a whole number from " + min + " to " + max)));
        });
    }

    /** Hides the credential and the body, which may hold a password. */
    @Override
    public String toString() {
        return "ApiCall[" + route.method() + " " + route.template() + ", peer=" + peer + ", authorization="
                + authorization.map(a -> a.toLowerCase(Locale.ROOT).startsWith(BEARER) ? "Bearer [hidden]" : "[hidden]").orElse("none")
                + ", body=" + body.size() + " bytes]";
    }
}
