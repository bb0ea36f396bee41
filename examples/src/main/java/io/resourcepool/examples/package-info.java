/**
 * Small programs that embed ResourcePool as a library, each with a {@code main} and a method the tests call:
 * {@link io.resourcepool.examples.EmbeddedHub} (a hub on SQLite with its own CA over TLS),
 * {@link io.resourcepool.examples.JoinAWorker} (a machine enrolls with a join token),
 * {@link io.resourcepool.examples.RunACommand} (a person runs commands through {@code PoolClient}) and
 * {@link io.resourcepool.examples.CustomScheduler} (a scheduler of one's own handed to the hub's builder).
 */
package io.resourcepool.examples;
