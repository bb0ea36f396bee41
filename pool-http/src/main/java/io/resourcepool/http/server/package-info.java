/**
 * The HTTP server's plumbing, independent of what it serves: HTTPS listeners
 * ({@link io.resourcepool.http.server.HttpsConnectors}) presenting the hub's key or the operator's
 * ({@link io.resourcepool.http.server.ServedCertificate}), whose renewals on disk are followed without a restart
 * ({@link io.resourcepool.http.server.CertificateWatch}), the security headers on every answer
 * ({@link io.resourcepool.http.server.SecurityHeaders}), problem documents for the API's refusals and Jetty's own
 * ({@link io.resourcepool.http.server.Problem}, {@link io.resourcepool.http.server.Problems},
 * {@link io.resourcepool.http.server.ProblemErrorHandler}), the top-level paths
 * ({@link io.resourcepool.http.server.Mounts}), and the counting of requests by route template
 * ({@link io.resourcepool.http.server.RequestCounter}).
 */
package io.resourcepool.http.server;
