/**
 * A real HTTPS webhook receiver for tests of alerts: it records each delivery, can answer 500 to the first ones,
 * and checks a Stripe-style signature with its own HMAC code, independent of the code under test.
 */
package io.resourcepool.testkit.webhook;
