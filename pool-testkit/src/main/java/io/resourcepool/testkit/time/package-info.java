/**
 * Time for tests: a {@link io.resourcepool.testkit.time.ManualClock} that moves only when the test moves it,
 * so lockouts, expiries and heartbeat timeouts are tested without sleeping.
 */
package io.resourcepool.testkit.time;
