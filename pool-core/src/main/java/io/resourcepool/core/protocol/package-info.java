/**
 * The wire protocol above frames: the messages (a sealed interface of records, one file per family), their
 * payload types, and the strict codec that turns frames into messages and back.
 *
 * <p>Control messages are JSON; output chunks are raw bytes. Decoding is strict: an unknown payload type, an
 * unknown or missing field, a {@code null}, a wrong type or an over-long string is a
 * {@link io.resourcepool.api.ProtocolException}, never silently ignored.
 */
package io.resourcepool.core.protocol;
