/**
 * Resource probe test support: {@link io.resourcepool.testkit.probe.ResourceProbeContract}, the contract tests
 * every resource probe implementation's test class extends.
 */
package io.resourcepool.testkit.probe;
