/**
 * The hub engine: accepts connections through the transport SPI, runs each conversation (handshake, then a
 * client's requests or a worker's reports), keeps the node registry and dispatches jobs.
 */
package io.resourcepool.core.hub;
