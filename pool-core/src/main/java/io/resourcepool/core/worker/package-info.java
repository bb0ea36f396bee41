/**
 * The worker engine: enrolls once with a join token, then connects with its own certificate, registers,
 * reports its resources at the pace the hub sets, and runs the hub's tasks in its sandbox, streaming output.
 */
package io.resourcepool.core.worker;
