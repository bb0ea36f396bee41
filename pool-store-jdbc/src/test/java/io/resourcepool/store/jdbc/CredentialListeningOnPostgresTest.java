package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.testkit.store.StoreSamples;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code credentialListening()} on PostgreSQL: empty until the store listens, then one number for as long as it listens
 * without a break; when its listening connection is killed, empty while it is down and a new number once it listens
 * again, and a change made by the other store meanwhile is still found by the next wait.
 */
class CredentialListeningOnPostgresTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    /** Ends the backend that listens for this schema's credential channel, as a restart of it or a network cut would. */
    private static final String KILL_THE_LISTENER = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE query = 'LISTEN \"pool_credentials_' || substr(md5(current_schema()), 1, 16) || '\"'";

    private TwoHubs hubs;

    @BeforeEach
    void openTwoStores() {
        hubs = new TwoHubs();
    }

    @AfterEach
    void close() {
        if (hubs != null) {
            hubs.close();
        }
    }

    @Test
    void aBreakInTheListeningIsSeenAndEndsInANewStretch() {
        assertThat(hubs.a.credentialListening()).as("nothing waited yet").isEmpty();
        hubs.a.awaitCredentialChange(hubs.a.credentialEpoch(), Duration.ofMillis(100));
        OptionalLong first = await().atMost(WITHIN).until(hubs.a::credentialListening, OptionalLong::isPresent);
        long seen = hubs.a.credentialEpoch();

        assertThat(hubs.database.queryNumber(KILL_THE_LISTENER)).as("listening backends killed").isEqualTo(1);
        await().atMost(WITHIN).until(hubs.a::credentialListening, OptionalLong::isEmpty);
        hubs.storeB.credentials().createUser(StoreSamples.user("heard-after-the-break"));

        OptionalLong again = await().atMost(WITHIN).until(hubs.a::credentialListening, OptionalLong::isPresent);
        assertThat(again).isNotEqualTo(first);
        assertThat(hubs.a.awaitCredentialChange(seen, Duration.ZERO)).as("the change made during the break").isTrue();
    }
}
