/**
 * Agents over HTTPS: machines that join the pool with a join token and a certificate signing request, then speak to
 * the hub by mutual TLS on the HTTPS port instead of the binary protocol. Each registered agent is held as a worker
 * connection inside the hub's process ({@link io.resourcepool.http.agent.AgentLink}), fed by the agent's requests:
 * the hub's own node machinery (registry, placement, cancels, timeouts, lost nodes, fencing) serves it, so an agent
 * is a node like any other and no job rule is written twice.
 */
package io.resourcepool.http.agent;
