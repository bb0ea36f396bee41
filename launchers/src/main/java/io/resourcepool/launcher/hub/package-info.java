/** {@code pool hub}: assembles and runs a hub from configuration. */
package io.resourcepool.launcher.hub;
