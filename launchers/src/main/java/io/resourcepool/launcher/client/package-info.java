/** The client commands: login, nodes, status, run and admin, sharing a saved session. */
package io.resourcepool.launcher.client;
