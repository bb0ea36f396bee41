package io.resourcepool.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.JobId;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.Store;
import org.junit.jupiter.api.Test;

/** A store works only between {@code open()} and {@code close()}, and says what it is without secrets. */
public abstract class StoreLifecycleContract extends StoreFixture {

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected StoreLifecycleContract(StoreUnderTest subject) {
        super(subject);
    }

    @Test
    void unopenedStoreRefusesWorkWithAStoreException() {
        Store unopened = subject().newStore();
        try {
            assertThatThrownBy(() -> unopened.jobs().find(JobId.random())).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> unopened.credentials().listUsers()).isInstanceOf(StoreException.class);
        } finally {
            unopened.close();
            subject().discard(unopened);
        }
    }

    @Test
    void closedStoreRefusesWorkWithAStoreException() {
        store().close();

        assertThatThrownBy(() -> store().nodes().listNodes()).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store().audit().verify()).isInstanceOf(StoreException.class);
    }

    @Test
    void closeCanBeCalledTwice() {
        store().close();

        assertThatCode(() -> store().close()).doesNotThrowAnyException();
    }

    @Test
    void describeIsOneNonBlankLine() {
        assertThat(store().describe()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void freshStoreIsEmpty() {
        assertThat(store().credentials().listUsers()).isEmpty();
        assertThat(store().nodes().listNodes()).isEmpty();
        assertThat(store().nodes().listJoinTokens()).isEmpty();
        assertThat(store().jobs().list(JobQuery.all(10))).isEmpty();
        assertThat(store().audit().verify().rowsChecked()).isZero();
    }
}
