/**
 * Schedulers: {@code least-loaded}, the default, {@code round-robin} and {@code bin-pack}.
 *
 * <p>All consider the same nodes ({@link io.resourcepool.core.scheduler.EligibleNodes}): not drained, matching
 * the job's selector, and with room for what the job claims. They differ only in which of those they pick:
 * least-loaded spreads jobs, bin-pack packs them tightly to keep whole nodes free.
 */
package io.resourcepool.core.scheduler;
