package io.resourcepool.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpFaultProxyTest {
    private ServerSocket echo;
    private TcpFaultProxy proxy;

    @BeforeEach
    void startEchoServerBehindAProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // the proxy reset it
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        proxy = TcpFaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void passesBytesBothWays() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
        }
    }

    @Test
    void aCutResetsOpenConnectionsAndRefusesNewOnesUntilHealed() throws IOException {
        try (Socket open = connect()) {
            roundTrip(open, "before");
            proxy.cut();
            assertThatThrownBy(() -> roundTrip(open, "during")).isInstanceOf(IOException.class);
            assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
            proxy.heal();
            try (Socket again = connect()) {
                assertThat(roundTrip(again, "after")).isEqualTo("after");
            }
        }
    }

    @Test
    void aBlackholeKeepsConnectionsButPassesNothingUntilHealed() throws IOException {
        try (Socket open = connect()) {
            proxy.blackhole();
            open.setSoTimeout(300);
            send(open, "held");
            assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            try (Socket fresh = connect()) {
                assertThat(fresh.isConnected()).as("new connections are accepted").isTrue();
            }
            proxy.heal();
            open.setSoTimeout(5_000);
            assertThat(new String(open.getInputStream().readNBytes(4), StandardCharsets.UTF_8)).as("held bytes arrive").isEqualTo("held");
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(5_000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        send(s, text);
        byte[] back = s.getInputStream().readNBytes(text.length());
        if (back.length < text.length()) {
            throw new IOException("the connection ended after " + back.length + " bytes");
        }
        return new String(back, StandardCharsets.UTF_8);
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }
}
