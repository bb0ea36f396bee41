/**
 * The sandbox SPI: start a command under limits, stream its output, stop it, and say honestly what
 * isolation it gave.
 */
package io.resourcepool.api.spi.sandbox;
