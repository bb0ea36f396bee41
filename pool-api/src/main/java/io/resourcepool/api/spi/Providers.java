package io.resourcepool.api.spi;

import io.resourcepool.api.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses the one provider of an SPI whose {@link NamedProvider#type()} matches the configuration.
 * Builders call this only when no instance was handed to them: an explicit instance always wins.
 */
public final class Providers {
    private Providers() {}

    /**
     * Finds the provider of {@code type} among those {@link ServiceLoader} sees through the thread's context
     * class loader.
     *
     * @param spi the provider interface, for example {@code StoreProvider.class}
     * @param type the configured type, for example {@code sqlite}
     * @param <P> the provider interface
     * @return the single matching provider
     * @throws ConfigurationException when none or more than one matches, listing every provider found
     */
    public static <P extends NamedProvider> P select(Class<P> spi, String type) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<P> found = new ArrayList<>();
        try {
            ServiceLoader.load(spi, loader).forEach(found::add);
        } catch (java.util.ServiceConfigurationError e) {
            throw new ConfigurationException("a " + spi.getSimpleName() + " is registered but broken: " + e.getMessage(), e);
        }
        return select(spi, type, found);
    }

    /**
     * Finds the provider of {@code type} among the given candidates.
     *
     * @param spi the provider interface, used in messages
     * @param type the configured type
     * @param candidates the providers to choose from
     * @param <P> the provider interface
     * @return the single matching provider
     * @throws ConfigurationException when none or more than one matches, listing every candidate
     */
    public static <P extends NamedProvider> P select(Class<P> spi, String type, List<P> candidates) {
        List<P> matches = candidates.stream().filter(p -> p.type().equals(type)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        String kind = spi.getSimpleName();
        if (matches.isEmpty()) {
            throw new ConfigurationException("no " + kind + " of type '" + type + "' is on the class path; found: "
                    + describe(candidates) + ". Add the module that provides '" + type + "', or configure one of the types found.");
        }
        throw new ConfigurationException("more than one " + kind + " has type '" + type + "': " + describe(matches)
                + ". Remove all but one from the class path, or hand the builder an instance.");
    }

    private static String describe(List<? extends NamedProvider> providers) {
        if (providers.isEmpty()) {
            return "none";
        }
        return providers.stream()
                .map(p -> "'" + p.type() + "' (" + p.getClass().getName() + ")")
                .collect(Collectors.joining(", "));
    }
}
