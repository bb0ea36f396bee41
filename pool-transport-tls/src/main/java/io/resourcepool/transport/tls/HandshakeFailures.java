package io.resourcepool.transport.tls;

import io.resourcepool.api.TransportException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the JDK's handshake errors into messages an operator can act on: who, what went wrong, and what
 * this side accepts. The JDK's own text stays in the cause.
 */
final class HandshakeFailures {
    private static final Pattern CLIENT_VERSION = Pattern.compile("Client requested protocol (\\S+)");
    private static final Pattern CLIENT_VERSIONS = Pattern.compile("client supported protocol versions \\[([^]]*)]");

    private HandshakeFailures() {}

    /** A failure seen by the listening side. */
    static TransportException onServer(IOException e, String peer, TlsContext context) {
        return new TransportException("TLS handshake with " + peer + " failed: " + serverReason(e, context), e);
    }

    /** A failure seen by the connecting side. */
    static TransportException onClient(IOException e, String peer, TlsContext context) {
        return new TransportException("TLS handshake with " + peer + " failed: " + clientReason(e, context), e);
    }

    private static String serverReason(IOException e, TlsContext context) {
        String text = messages(e);
        if (e instanceof HandshakeWatchdog.TimedOut) {
            return e.getMessage() + "; the peer may not speak TLS";
        }
        Optional<String> offered = offeredVersions(text);
        if (offered.isPresent()) {
            return "client offered only " + offered.get() + "; this hub accepts " + context.protocolList();
        }
        if (has(text, "empty client certificate chain") || has(text, "certificate_required")) {
            return "the client presented no certificate, and this hub requires one";
        }
        if (has(text, "received fatal alert")) {
            return "the client refused the handshake (" + cause(e) + "); it may trust another CA than this hub's";
        }
        if (has(text, "pkix") || has(text, "certification path")) {
            return "the client's certificate is not signed by the CA this hub trusts (" + cause(e) + ")";
        }
        if (has(text, "unsupported or unrecognized ssl message") || has(text, "plaintext")) {
            return "the client did not start TLS; it may be speaking plain TCP or HTTP";
        }
        if (hungUp(text)) {
            return "the client hung up during the handshake (" + cause(e) + "); it may not trust this hub's certificate";
        }
        return cause(e);
    }

    private static String clientReason(IOException e, TlsContext context) {
        String text = messages(e);
        if (e instanceof HandshakeWatchdog.TimedOut) {
            return e.getMessage() + "; is the server a ResourcePool hub speaking TLS?";
        }
        if (has(text, "protocol_version")) {
            return "the server accepts none of the TLS versions offered (" + context.protocolList() + ")";
        }
        if (has(text, "pinned ca")) {
            return "the server is not the pinned hub: " + cause(e);
        }
        if (has(text, "pkix") || has(text, "certification path")) {
            return "the server's certificate is not signed by the trusted CA (" + cause(e) + ")";
        }
        if (has(text, "certificate_required") || has(text, "bad_certificate") || has(text, "certificate_unknown")) {
            return "the server refused this client's certificate, or its lack of one (" + cause(e) + ")";
        }
        if (hungUp(text)) {
            return "the server hung up during the handshake (" + cause(e) + "); it may have refused this client's certificate";
        }
        return cause(e);
    }

    private static boolean hungUp(String text) {
        return has(text, "broken pipe") || has(text, "connection reset") || has(text, "remote host terminated") || has(text, "eof");
    }

    private static Optional<String> offeredVersions(String text) {
        Matcher one = CLIENT_VERSION.matcher(text);
        if (one.find()) {
            return Optional.of(one.group(1));
        }
        Matcher many = CLIENT_VERSIONS.matcher(text);
        return many.find() ? Optional.of(many.group(1)) : Optional.empty();
    }

    /** The messages of the whole cause chain, so a reason buried in a cause is still found. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean has(String text, String needle) {
        return text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
