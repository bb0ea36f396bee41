package io.resourcepool.testkit.store;

import org.junit.jupiter.api.Nested;

/**
 * The contract every {@link io.resourcepool.api.spi.store.Store} must meet, as one test class per
 * implementation: extend it, say how to make a fresh empty store and how to tamper with its audit log, and
 * every facet's tests run against it, each in its own nested group.
 *
 * <pre>{@code
 * class SqliteStoreTest extends StoreContract {
 *     @TempDir Path dir;
 *     public Store newStore() { return new SqliteStore(...); }
 *     public AuditTampering tampering(Store open) { ... plain SQL on the audit table ... }
 * }
 * }</pre>
 *
 * The facet contracts ({@link CredentialStoreContract} and the others) can also be extended one by one.
 */
public abstract class StoreContract implements StoreUnderTest {

    /** For subclasses. */
    protected StoreContract() {}

    /** Open, use, close. */
    @Nested
    class Lifecycle extends StoreLifecycleContract {
        Lifecycle() {
            super(StoreContract.this);
        }
    }

    /** Users, lockout and sessions. */
    @Nested
    class Credentials extends CredentialStoreContract {
        Credentials() {
            super(StoreContract.this);
        }
    }

    /** Refresh tokens and their families. */
    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        RefreshTokens() {
            super(StoreContract.this);
        }
    }

    /** Second factors: TOTP seeds, steps and recovery codes. */
    @Nested
    class Mfa extends MfaStoreContract {
        Mfa() {
            super(StoreContract.this);
        }
    }

    /** Join tokens and nodes. */
    @Nested
    class Nodes extends NodeStoreContract {
        Nodes() {
            super(StoreContract.this);
        }
    }

    /** Jobs and their state machine. */
    @Nested
    class Jobs extends JobStoreContract {
        Jobs() {
            super(StoreContract.this);
        }
    }

    /** Journal groups written only while their conditions hold. */
    @Nested
    class GuardedJournal extends GuardedJournalContract {
        GuardedJournal() {
            super(StoreContract.this);
        }
    }

    /** The job state machine. */
    @Nested
    class JobTransitions extends JobTransitionContract {
        JobTransitions() {
            super(StoreContract.this);
        }
    }

    /** GPU time across attempts and by user. */
    @Nested
    class GpuAccounting extends GpuAccountingContract {
        GpuAccounting() {
            super(StoreContract.this);
        }
    }

    /** Pruning what retention no longer keeps. */
    @Nested
    class Retention extends RetentionContract {
        Retention() {
            super(StoreContract.this);
        }
    }

    /** Many writers at once. */
    @Nested
    class Concurrency extends StoreConcurrencyContract {
        Concurrency() {
            super(StoreContract.this);
        }
    }

    /** The audit log and its hash chain. */
    @Nested
    class Audit extends AuditLogContract {
        Audit() {
            super(StoreContract.this);
        }
    }
}
