package io.resourcepool.http.api;

import io.resourcepool.api.Bytes;
import io.resourcepool.http.server.Peers;
import io.resourcepool.http.server.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Reads a request into an {@link ApiCall}, refusing what does not fit its route before any work is done: a query
 * parameter the route does not know or one given twice (400), a token in the URL (400: it would end up in logs and
 * histories), a body where none is taken (400), a JSON body of another media type (415) or over the size limit
 * (413, from its declared length before anything is read, or as soon as the limit is passed).
 */
final class ApiCalls {
    private static final List<String> TOKEN_PARAMETERS = List.of("token", "access_token", "bearer", "authorization");

    private final int maxBodyBytes;

    ApiCalls(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    ApiCall read(Request request, Route route, Map<String, String> pathParameters) {
        Map<String, String> query = query(request, route);
        Bytes body = route.body() == Route.Body.JSON ? jsonBody(request) : noBody(request);
        return new ApiCall(route, pathParameters, query, Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)),
                Peers.of(request), body, clientCertificates(request));
    }

    /** The chain the client presented in the TLS handshake, which the listener asked for but did not check. */
    private static List<X509Certificate> clientCertificates(Request request) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl && ssl.peerCertificates() != null) {
            return List.of(ssl.peerCertificates());
        }
        return List.of();
    }

    /** A stand-in for a request that failed before it was read, for the log. */
    static ApiCall unread(Route route) {
        return new ApiCall(route, Map.of(), Map.of(), Optional.empty(), "unknown", Bytes.EMPTY);
    }

    private static Map<String, String> query(Request request, Route route) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, String> values = new HashMap<>();
        for (Fields.Field field : fields) {
            String name = field.getName();
            if (TOKEN_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new ProblemException(Problems.invalidField(name,
                        "tokens are never taken from the URL; send the token as Authorization: Bearer TOKEN, and log in again if this one was shared"));
            }
            if (!route.queryParameters().contains(name)) {
                throw new ProblemException(Problems.invalidField(name, "unknown query parameter '" + shortened(name) + "'; "
                        + (route.queryParameters().isEmpty() ? "this endpoint takes none" : "it takes " + new TreeSet<>(route.queryParameters()))));
            }
            if (field.getValues().size() > 1) {
                throw new ProblemException(Problems.invalidField(name, "query parameter '" + name + "' is given more than once"));
            }
            values.put(name, field.getValue());
        }
        return values;
    }

    private Bytes jsonBody(Request request) {
        if (request.getLength() > maxBodyBytes) {
            throw new ProblemException(Problems.bodyTooLarge(maxBodyBytes));
        }
        String type = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("");
        if (!isJson(type)) {
            throw new ProblemException(Problems.unsupportedMediaType(shortened(type)));
        }
        return readAtMost(request, maxBodyBytes);
    }

    /** {@code application/json}, with no parameter but an optional UTF-8 charset. */
    private static boolean isJson(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (!parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static Bytes noBody(Request request) {
        if (readAtMost(request, 0).isEmpty()) {
            return Bytes.EMPTY;
        }
        throw new ProblemException(Problems.invalid("this endpoint takes no request body"));
    }

    private static Bytes readAtMost(Request request, int limit) {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                if (limit == 0) {
                    return Bytes.copyOf(bytes);
                }
                throw new ProblemException(Problems.bodyTooLarge(limit));
            }
            return Bytes.adopt(bytes);
        } catch (IOException e) {
            throw new ProblemException(Problems.invalid("the request body could not be read whole"));
        }
    }

    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
