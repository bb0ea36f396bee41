/**
 * The web dashboard: its page, scripts and styles (resources in this package's folder), the front-end libraries
 * from their WebJars, and the handler that serves them under {@code /ui/}.
 */
package io.resourcepool.http.ui;
