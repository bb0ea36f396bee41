/** {@code pool bench}: measures the pool on this machine and reports percentiles and throughput. */
package io.resourcepool.launcher.bench;
