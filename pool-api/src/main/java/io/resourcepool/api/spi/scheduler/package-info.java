/**
 * The scheduler SPI: given a job and a view of the pool, choose a node or say "wait".
 */
package io.resourcepool.api.spi.scheduler;
