/**
 * Prometheus metrics of the pool and its HTTP API, on the Prometheus Java client: counters and histograms fed by
 * the hub's observer (audit rows, job starts and ends) and by the server (requests by route template and status),
 * and gauges read from the hub's status at each scrape; served as {@code GET /metrics}.
 */
package io.resourcepool.http.metrics;
