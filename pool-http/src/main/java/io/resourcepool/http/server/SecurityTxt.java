package io.resourcepool.http.server;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /.well-known/security.txt} (RFC 9116): whom to tell of a vulnerability, and until when this file holds. Served
 * only when a contact is configured: a file without one would be worse than none.
 *
 * @param contacts each a {@code mailto:}, {@code https:} or {@code tel:} URI, first preferred; at least one
 * @param expires when the file should no longer be trusted (RFC 9116 wants it less than a year ahead)
 * @param policy the disclosure policy's URL; empty for none
 */
public record SecurityTxt(List<URI> contacts, Instant expires, String policy) {
    /** Where it is served. */
    public static final String PATH = "/.well-known/security.txt";

    private static final Set<String> SCHEMES = Set.of("mailto", "https", "tel");

    /** Checks the fields. */
    public SecurityTxt {
        contacts = List.copyOf(contacts);
        Objects.requireNonNull(expires, "expires must be given");
        Objects.requireNonNull(policy, "policy must be given (empty for none)");
        if (contacts.isEmpty()) {
            throw new IllegalArgumentException("security.txt needs at least one contact");
        }
        for (URI contact : contacts) {
            if (!SCHEMES.contains(String.valueOf(contact.getScheme()))) {
                throw new IllegalArgumentException("a security contact is a mailto:, https: or tel: URI; was '" + contact + "'");
            }
        }
    }

    /**
     * A contact as an operator writes it: a bare e-mail address becomes a {@code mailto:} URI.
     *
     * @param text for example {@code security@example.org} or {@code https://example.org/report}
     * @return the URI
     */
    public static URI contact(String text) {
        String trimmed = text.strip();
        return URI.create(trimmed.contains("@") && !trimmed.contains(":") ? "mailto:" + trimmed : trimmed);
    }

    /**
     * The file's text, in RFC 9116's fields.
     *
     * @return the text
     */
    public String text() {
        StringBuilder text = new StringBuilder();
        contacts.forEach(c -> text.append("Contact: ").append(c).append('\n'));
        text.append("Expires: ").append(expires.truncatedTo(ChronoUnit.SECONDS)).append('\n');
        if (!policy.isEmpty()) {
            text.append("Policy: ").append(policy).append('\n');
        }
        text.append("Preferred-Languages: en\n");
        return text.toString();
    }

    /**
     * The handler that serves the file.
     *
     * @return the handler
     */
    public Handler handler() {
        byte[] body = text().getBytes(StandardCharsets.UTF_8);
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                    Problems.methodNotAllowed(request.getMethod(), List.of("GET", "HEAD")).send(response, callback);
                    return true;
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                response.write(true, ByteBuffer.wrap(request.getMethod().equals("HEAD") ? new byte[0] : body), callback);
                return true;
            }
        };
    }
}
