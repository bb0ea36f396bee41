/**
 * The {@code /v1} JSON API: one table of routes ({@link io.resourcepool.http.api.ApiRoutes}), each answered by an
 * endpoint that reads the request strictly and makes the matching
 * {@link io.resourcepool.core.client.PoolOperations} call on the hub's typed front door in the request's session; the hub's refusals become problem documents
 * (401, 403, 404, 409, 429 with {@code Retry-After}, 503). Shapes are described in docs/HTTP.md and in the OpenAPI
 * document this package serves at {@code /v1/openapi.json}.
 */
package io.resourcepool.http.api;
