package io.resourcepool.core.hub;

import io.resourcepool.api.PoolException;
import io.resourcepool.api.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for a journal write, passing its failure on as the store's exception. */
final class Durably {
    private Durably() {}

    static <T> T await(CompletableFuture<T> write) {
        try {
            return write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PoolException p ? p : new StoreException("the store failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
