package io.resourcepool.launcher.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hub turns TLS session tickets off, unless the operator set how many it sends. */
class SessionTicketsTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(SessionTickets.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(SessionTickets.PROPERTY);
        } else {
            System.setProperty(SessionTickets.PROPERTY, before);
        }
    }

    @Test
    void unsetItBecomesZero() {
        System.clearProperty(SessionTickets.PROPERTY);

        SessionTickets.none();

        assertThat(System.getProperty(SessionTickets.PROPERTY)).isEqualTo("0");
    }

    @Test
    void anOperatorsValueStays() {
        System.setProperty(SessionTickets.PROPERTY, "2");

        SessionTickets.none();

        assertThat(System.getProperty(SessionTickets.PROPERTY)).isEqualTo("2");
    }
}
