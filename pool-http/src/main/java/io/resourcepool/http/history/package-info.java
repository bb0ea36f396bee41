/**
 * The pool's totals over the last hour, sampled on the hub so that the dashboard's chart can show the time before
 * the page was opened ({@code GET /v1/aggregate/history}).
 */
package io.resourcepool.http.history;
