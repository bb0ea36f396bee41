/**
 * The transport SPI: how frames travel between hub, workers and clients.
 *
 * <p>A transport moves {@link io.resourcepool.api.spi.transport.Frame}s and knows nothing of what is inside
 * them: the message layer in {@code pool-core} turns frames into messages. So a new transport never touches
 * the protocol, and a new message never touches a transport. A byte-stream transport writes each frame as
 * a 10-byte header (magic {@code 0xDEADBEEF}, u16 payload type, u32 payload length, all big-endian) and the
 * payload, and enforces {@link io.resourcepool.api.spi.transport.FrameLimits}.
 */
package io.resourcepool.api.spi.transport;
