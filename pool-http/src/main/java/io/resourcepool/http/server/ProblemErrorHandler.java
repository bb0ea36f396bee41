package io.resourcepool.http.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives by itself (a request it cannot parse, headers too large, an exception nobody caught) as
 * problem documents with the security headers, instead of its HTML pages. A server error never shows its cause.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : 500;
        String reason = request.getAttribute(ERROR_MESSAGE) instanceof String m ? m : "";
        SecurityHeaders.addTo(response.getHeaders());
        Problems.forStatus(status, status >= 500 ? "" : reason).send(response, callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeaders.addTo(fields);
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(Problems.forStatus(status, reason == null ? "" : reason).toJson());
    }
}
