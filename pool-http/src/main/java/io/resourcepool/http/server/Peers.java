package io.resourcepool.http.server;

import org.eclipse.jetty.server.Request;

/** The address a request came from, in the form the hub's rate limits and audit rows use. */
public final class Peers {
    private Peers() {}

    /**
     * The client's address.
     *
     * @param request the request
     * @return {@code ip:port}, or {@code [v6]:port}
     */
    public static String of(Request request) {
        String address = Request.getRemoteAddr(request);
        int port = Request.getRemotePort(request);
        return (address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address) + ":" + port;
    }
}
