/**
 * The hub's HTTP API: HTTPS (TLS 1.3 by default) with the hub's own certificate or an operator's (PEM files, renewals
 * followed: {@code certificateFiles} on the builder), on Jetty core handlers, each
 * request on its own virtual thread. It is a thin gateway: every request of the API is a call on the hub's typed
 * front door ({@link io.resourcepool.core.hub.Hub#frontDoor()}) under the HTTP peer's address, so the hub checks it
 * where it checks a network client's request (the session on every request, the role, the per-address rate limits)
 * and audits it; nothing here re-implements authentication, roles or limits. Agents speak the worker protocol on
 * the hub's in-process connections ({@link io.resourcepool.core.hub.Hub#connectWorkerInProcess}).
 *
 * <p>What it serves, assembled by {@link io.resourcepool.http.HttpGateway}:
 * <ul>
 *   <li>{@code /v1/...}: the JSON API ({@code io.resourcepool.http.api}); errors are RFC 9457 problem documents;
 *       {@code /v1/openapi.json} describes it. docs/HTTP.md lists every endpoint and shape.</li>
 *   <li>{@code /metrics}: Prometheus text ({@code io.resourcepool.http.metrics}), for sessions of the configured
 *       role, or on an address of its own without a token.</li>
 *   <li>anything mounted by another class, and a 404 problem for every other path.</li>
 * </ul>
 * Every answer, errors and Jetty's own included, carries the security headers of
 * {@link io.resourcepool.http.server.SecurityHeaders} (a strict Content-Security-Policy, HSTS, {@code nosniff},
 * no framing, no referrer, {@code Cache-Control: no-store} unless a mounted handler replaces it).
 *
 * <h2>Adding to it: the dashboard's extension point</h2>
 * The server is assembled from handlers; a class that serves more (the web dashboard's static files under
 * {@code /ui/}, and a redirect from {@code /} to {@code /ui/}) mounts Jetty handlers on the builder, without
 * touching the API's routes:
 * <pre>{@code
 * HttpGateway gateway = HttpGateway.builder()
 *         .hub(hub).identity(ca.serverKeyMaterial()).settings(settings).metrics(metrics)
 *         .mountPrefix("/ui", staticFiles)        // /ui and everything below it
 *         .mountExact("/", redirectToUi)          // the root alone; other paths stay 404
 *         .start();
 * }</pre>
 * A prefix takes its path and everything below it; an exact mount one path only; the longest match wins; the API's
 * {@code /v1} and {@code /metrics} cannot be taken. Mounted handlers are started and stopped with the server, and
 * run on virtual threads. The {@code pool hub} launcher builds its gateway in {@code HubHttp.start}: mount there.
 * A page calls the API with {@code fetch()} and an {@code Authorization: Bearer} header (there are no cookies, so
 * no cross-site request can act for a user); it reads a job's live output with a streaming {@code fetch()} of
 * {@code /v1/jobs/{id}/output}, since {@code EventSource} cannot send that header.
 */
package io.resourcepool.http;
