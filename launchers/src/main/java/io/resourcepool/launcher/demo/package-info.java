/** {@code pool demo}: a whole pool in one process, on loopback, over real TLS, with real processes. */
package io.resourcepool.launcher.demo;
