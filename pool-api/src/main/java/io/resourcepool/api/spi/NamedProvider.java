package io.resourcepool.api.spi;

/**
 * A provider found by {@link java.util.ServiceLoader} and chosen by its {@link #type()}.
 * Implementations must have a public no-argument constructor that does no I/O.
 */
public interface NamedProvider {
    /**
     * The name configuration uses to choose this provider, for example {@code tls} or {@code sqlite}.
     *
     * @return a short lower-case name, unique among providers of the same SPI
     */
    String type();
}
