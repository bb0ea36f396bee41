/**
 * {@code pool agent}: one user's long-lived, warm JVM that runs short commands forwarded to it over a Unix domain
 * socket, so that a person's {@code pool status} costs a JVM start rather than a JVM start, picocli and a cold TLS
 * handshake (README, "How fast"; docs/DECISIONS.md). The forwarding side ({@link io.resourcepool.launcher.agent.AgentForwarding},
 * {@link io.resourcepool.launcher.agent.AgentFrames}, {@link io.resourcepool.launcher.agent.AgentSocket},
 * {@link io.resourcepool.launcher.agent.AgentStarter}) uses java.base only, so that a forwarded command loads few classes.
 */
package io.resourcepool.launcher.agent;
