/**
 * The client side: {@link io.resourcepool.core.client.HubLink}, a multiplexed connection to a hub that
 * workers and clients share, and {@link io.resourcepool.core.client.PoolClient}, the API people embed.
 */
package io.resourcepool.core.client;
