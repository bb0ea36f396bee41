package io.resourcepool.testkit.store;

import io.resourcepool.api.spi.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Gives each test of a contract a fresh, empty, open store, and closes it afterwards. */
public abstract class StoreFixture {
    private final StoreUnderTest subject;
    private Store store;

    /**
     * Tests the given implementation.
     *
     * @param subject how to make and tamper with the stores under test
     */
    protected StoreFixture(StoreUnderTest subject) {
        this.subject = subject;
    }

    @BeforeEach
    final void openFreshStore() {
        store = subject.newStore();
        store.open();
    }

    @AfterEach
    final void closeStore() {
        if (store == null) {
            return; // the test was skipped or failed before it had a store
        }
        try {
            store.close();
        } finally {
            subject.discard(store);
            store = null;
        }
    }

    /**
     * The store under test, open.
     *
     * @return the store
     */
    protected final Store store() {
        return store;
    }

    /**
     * The implementation under test, to make further stores.
     *
     * @return the subject
     */
    protected final StoreUnderTest subject() {
        return subject;
    }
}
