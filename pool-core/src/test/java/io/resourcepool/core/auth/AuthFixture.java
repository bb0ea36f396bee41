package io.resourcepool.core.auth;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The services of this package over an in-memory store, a manual clock and a cost-4 hasher, with a count of
 * the calls made to the credential store.
 */
final class AuthFixture implements AutoCloseable {
    static final String SOURCE = "192.0.2.7:50000";
    static final Actor ADMIN = new Actor("root-admin", SOURCE);

    final ManualClock clock = ManualClock.start();
    final InMemoryStore store = InMemoryStore.opened();
    final Map<String, AtomicLong> credentialCalls = new ConcurrentHashMap<>();
    final Store countingStore = countingStore(store, credentialCalls);
    final PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 2, 64);
    final SessionTokens tokens = new SessionTokens(SessionKey.inMemory());
    final AuthConfig config = AuthConfig.defaults();
    final SeedVault vault = SeedVault.inMemory();
    final Authenticator authenticator = new Authenticator(countingStore, hasher, tokens, vault, config, clock);
    final MfaEnrolments mfa = new MfaEnrolments(countingStore, vault, clock);
    final UserAdministration users = new UserAdministration(countingStore, hasher, clock);
    final JoinTokens joinTokens = new JoinTokens(countingStore, clock);

    /** Adds a user, failing the test if that does not work. */
    void addUser(String name, Role role, Secret password) {
        if (!users.createUser(ADMIN, name, role, password)) {
            throw new AssertionError("could not create " + name);
        }
    }

    long calls(String credentialStoreMethod) {
        return credentialCalls.getOrDefault(credentialStoreMethod, new AtomicLong()).get();
    }

    List<AuditEntry> auditRows() {
        return store.audit().list(AuditQuery.latest(10_000));
    }

    @Override
    public void close() {
        hasher.close();
        store.close();
    }

    /** The store, with every call to its credential facet counted by method name. */
    private static Store countingStore(Store real, Map<String, AtomicLong> calls) {
        CredentialStore credentials = counting(CredentialStore.class, real.credentials(), calls);
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> method.getName().equals("credentials") ? credentials : invoke(real, method, args));
    }

    private static <T> T counting(Class<T> type, T real, Map<String, AtomicLong> calls) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            calls.computeIfAbsent(method.getName(), name -> new AtomicLong()).incrementAndGet();
            return invoke(real, method, args);
        }));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
