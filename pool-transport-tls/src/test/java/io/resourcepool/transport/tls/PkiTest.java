package io.resourcepool.transport.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the TLS tests that need their own certificates: a fresh throwaway PKI in a temporary directory
 * before each test, and everything a test opened closed after it, newest first.
 */
abstract class PkiTest {
    @TempDir
    Path dir;

    Pki pki;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    final void makePki() {
        pki = new Pki(dir);
    }

    @AfterEach
    final void closeOpened() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    /** Closes the given transport, listener or connection after the test. */
    final <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** How many things the test has opened so far. */
    final int openedCount() {
        return opened.size();
    }
}
