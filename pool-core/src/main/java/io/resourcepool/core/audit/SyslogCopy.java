package io.resourcepool.core.audit;

import io.resourcepool.api.TransportException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * Sends each signed checkpoint line to a syslog server as one RFC 5424 message over UDP (facility authpriv,
 * severity notice, app name {@code resourcepool}, message id {@code audit-anchor}), so a copy of the anchor
 * lives on another machine. UDP may lose a message; the file stays the record, the copy only makes a quiet
 * rewrite of both harder.
 */
public final class SyslogCopy implements Consumer<String> {
    private static final int AUTHPRIV_NOTICE = 10 * 8 + 5;

    private final InetSocketAddress server;
    private final InstantSource clock;
    private final String hostname;

    /**
     * @param server the syslog server
     * @param clock the time stamped on messages
     */
    public SyslogCopy(InetSocketAddress server, InstantSource clock) {
        this.server = server;
        this.clock = clock;
        this.hostname = localName();
    }

    @Override
    public void accept(String signedLine) {
        String message = "<" + AUTHPRIV_NOTICE + ">1 " + clock.instant() + " " + hostname + " resourcepool - audit-anchor - " + signedLine;
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, server));
        } catch (IOException e) {
            throw new TransportException("cannot send an audit checkpoint to syslog at " + server + ": " + e.getMessage(), e);
        }
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "-";
        }
    }
}
