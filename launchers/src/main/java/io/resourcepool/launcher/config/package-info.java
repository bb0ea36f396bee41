/**
 * Configuration for the launchers: the keys the {@code pool} command knows, read from a properties file and
 * overridden by flags, with every bad value reported by its key.
 */
package io.resourcepool.launcher.config;
