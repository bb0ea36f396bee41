/**
 * Alerts: what the hub hears that an operator must know at once, gathered, signed and posted to webhooks.
 *
 * <ul>
 *   <li>{@link io.resourcepool.core.alert.AlertNotifier}: hears the hub (as its observer), gathers each incident into
 *       one alert with a count, and hands it to each webhook's own sender; never blocks the hub.</li>
 *   <li>{@link io.resourcepool.core.alert.AlertRules}: which hub events are which {@link io.resourcepool.core.alert.AlertKind}.</li>
 *   <li>{@link io.resourcepool.core.alert.WebhookFormat}: the JSON each kind of receiver expects (generic, Slack,
 *       Discord, PagerDuty Events API v2).</li>
 *   <li>{@link io.resourcepool.core.alert.AlertSignature}: HMAC-SHA256 over {@code timestamp.body}, as Stripe signs.</li>
 * </ul>
 */
package io.resourcepool.core.alert;
