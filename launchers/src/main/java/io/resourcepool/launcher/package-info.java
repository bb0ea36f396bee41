/**
 * The {@code pool} command: thin launchers that read configuration and assemble the library's parts into a
 * hub, a worker, a client, the demo and the benchmark.
 */
package io.resourcepool.launcher;
