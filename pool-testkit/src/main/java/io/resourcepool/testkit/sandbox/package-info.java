/**
 * Sandbox test support: {@link io.resourcepool.testkit.sandbox.SandboxContract}, the contract tests every
 * sandbox implementation's test class extends, and
 * {@link io.resourcepool.testkit.sandbox.RecordingOutputSink}, an output sink that keeps what it receives and
 * lets a test wait for it. The contract runs real processes and needs a Linux-like system with {@code /proc},
 * {@code sh} and the coreutils.
 */
package io.resourcepool.testkit.sandbox;
