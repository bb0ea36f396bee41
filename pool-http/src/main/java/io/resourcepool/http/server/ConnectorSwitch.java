package io.resourcepool.http.server;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Sends a request to one handler when it came through a given listener, and to another otherwise. */
public final class ConnectorSwitch extends Handler.AbstractContainer {
    private final Connector connector;
    private final Handler onConnector;
    private final Handler otherwise;

    /**
     * Makes the switch.
     *
     * @param connector the listener told apart
     * @param onConnector what serves the requests that came through it
     * @param otherwise what serves the rest
     */
    public ConnectorSwitch(Connector connector, Handler onConnector, Handler otherwise) {
        this.connector = connector;
        this.onConnector = onConnector;
        this.otherwise = otherwise;
        addBean(onConnector, true);
        addBean(otherwise, true);
    }

    @Override
    public java.util.List<Handler> getHandlers() {
        return java.util.List.of(onConnector, otherwise);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler handler = request.getConnectionMetaData().getConnector() == connector ? onConnector : otherwise;
        return handler.handle(request, response, callback);
    }
}
