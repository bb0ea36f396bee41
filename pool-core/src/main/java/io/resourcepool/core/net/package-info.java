/**
 * Reaching the hubs: the list of hub addresses a worker or client is given, resolved to every address at connect
 * time, and the dialer that tries them in turn.
 */
package io.resourcepool.core.net;
