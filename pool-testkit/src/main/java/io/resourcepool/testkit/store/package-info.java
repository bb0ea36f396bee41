/**
 * Store test support: {@link io.resourcepool.testkit.store.InMemoryStore}, a thread-safe fake of the whole
 * store SPI for unit tests of the hub, and {@link io.resourcepool.testkit.store.StoreContract}, the contract
 * tests every store implementation's test class extends.
 */
package io.resourcepool.testkit.store;
