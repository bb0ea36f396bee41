/**
 * The service provider interfaces: what an implementation of a transport, store, scheduler, sandbox or
 * resource probe must do, and how one is chosen.
 *
 * <p>Each SPI has a {@code …Provider} with a {@code type()} name and a cheap {@code create(config)}.
 * {@link io.resourcepool.api.spi.Providers} picks exactly one provider per type: an instance handed to a
 * builder always wins; otherwise the {@link java.util.ServiceLoader} provider whose type matches the
 * configuration; none or several is a start-up error listing what was found. There is never a silent
 * fallback.
 */
package io.resourcepool.api.spi;
