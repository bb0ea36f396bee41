/** {@code pool worker}: assembles and runs a worker from configuration. */
package io.resourcepool.launcher.worker;
