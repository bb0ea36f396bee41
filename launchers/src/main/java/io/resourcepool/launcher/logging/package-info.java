/**
 * The {@code pool} command's logging backend, Logback, set up in code from the settings ({@code log.*}), so no one
 * writes XML: a console on standard error by default (quiet, WARN, for client commands; INFO for the hub and the
 * worker), or a size-rotated file, as text lines or JSON lines. Library modules log through slf4j-api only.
 */
package io.resourcepool.launcher.logging;
