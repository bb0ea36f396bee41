/**
 * Network faults for tests over real sockets: {@link io.resourcepool.testkit.net.TcpFaultProxy} stands between a
 * component and its server and can cut, swallow or pass the traffic.
 */
package io.resourcepool.testkit.net;
