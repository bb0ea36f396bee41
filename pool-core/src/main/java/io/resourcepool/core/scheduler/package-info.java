/**
 * Schedulers: {@code least-loaded}, the default, and {@code round-robin}.
 *
 * <p>Both consider the same nodes ({@link io.resourcepool.core.scheduler.EligibleNodes}): not drained, matching
 * the job's selector, and with room for what the job claims. They differ only in which of those they pick.
 */
package io.resourcepool.core.scheduler;
