package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.StoreUnavailableException;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.ForwardingStore;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.NodeStore;
import io.resourcepool.api.spi.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * The store handed to the hub, with every call of every facet passing through its {@link StoreAvailability}: while
 * the store is unreachable, callers are refused at once and clearly instead of each waiting out the store's
 * timeouts. The facets are guarded by proxies of their interfaces, so a method added to a facet is guarded without
 * a line here. Opening and closing stay with the caller, who owns the store.
 */
final class GuardedStore extends ForwardingStore {
    private final StoreAvailability availability;
    private final CredentialStore credentials;
    private final NodeStore nodes;
    private final JobStore jobs;
    private final AuditLog audit;

    GuardedStore(Store store, StoreAvailability availability) {
        super(store);
        this.availability = availability;
        this.credentials = guarded(CredentialStore.class, store.credentials());
        this.nodes = guarded(NodeStore.class, store.nodes());
        this.jobs = guarded(JobStore.class, store.jobs());
        this.audit = guarded(AuditLog.class, store.audit());
    }

    StoreAvailability availability() {
        return availability;
    }

    private <T> T guarded(Class<T> facet, T target) {
        return facet.cast(Proxy.newProxyInstance(facet.getClassLoader(), new Class<?>[] {facet},
                (proxy, method, args) -> method.getDeclaringClass() == Object.class ? method.invoke(target, args) : call(target, method, args)));
    }

    private Object call(Object target, Method method, Object[] args) throws Throwable {
        boolean probe = availability.admit();
        try {
            Object value = method.invoke(target, args);
            availability.answered(probe);
            return value;
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            if (failure instanceof StoreUnavailableException unreachable) {
                throw availability.lost(unreachable, probe);
            }
            if (failure instanceof StoreException) {
                availability.answered(probe);
            } else {
                availability.released(probe);
            }
            throw failure;
        }
    }

    @Override
    public void open() {
        throw new UnsupportedOperationException("the hub's store is opened by its owner");
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public NodeStore nodes() {
        return nodes;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<JobId> record(JournalGroup group) {
        try {
            return (Set<JobId>) call(delegate(), Store.class.getMethod("record", JournalGroup.class), new Object[] {group});
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the store's journal write failed: " + e, e);
        }
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("the hub's store is closed by its owner");
    }
}
