/**
 * Transport test support: {@link io.resourcepool.testkit.transport.TransportContract}, the tests every
 * {@link io.resourcepool.api.spi.transport.Transport} must pass, and an in-memory
 * {@link io.resourcepool.testkit.transport.LoopbackTransport} that passes them, for testing the layers above
 * a transport without sockets or certificates.
 */
package io.resourcepool.testkit.transport;
