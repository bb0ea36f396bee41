package io.resourcepool.http.ui;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Sends a browser that opens the hub's root address ({@code /}) on to the dashboard. */
final class RootRedirect extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Response.sendRedirect(request, response, callback, DashboardFiles.PREFIX + "/");
        return true;
    }
}
