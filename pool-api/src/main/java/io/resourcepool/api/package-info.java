/**
 * The public vocabulary of ResourcePool: identifiers, resource figures, job specifications and states, and
 * the one unchecked exception root {@link io.resourcepool.api.PoolException} with its subclasses, split by
 * what a caller can do about the failure.
 *
 * <p>This package depends on the JDK only. Nothing here is ever {@code null}: absent values are
 * {@link java.util.Optional}.
 */
package io.resourcepool.api;
