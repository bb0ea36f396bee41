/**
 * The resource probe SPI: what this machine has and how busy it is.
 */
package io.resourcepool.api.spi.probe;
