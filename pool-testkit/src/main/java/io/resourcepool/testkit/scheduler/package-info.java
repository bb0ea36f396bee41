/**
 * Scheduler test support: {@link io.resourcepool.testkit.scheduler.SchedulerContract}, the contract tests every
 * scheduler implementation's test class extends, and {@link io.resourcepool.testkit.scheduler.TestNode}, a
 * builder of the node views a scheduler sees.
 */
package io.resourcepool.testkit.scheduler;
