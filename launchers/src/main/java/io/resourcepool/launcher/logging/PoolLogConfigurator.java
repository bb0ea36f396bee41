package io.resourcepool.launcher.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration when it starts, found by {@code ServiceLoader}: standard error, one text line per event,
 * at the level {@link LogBackend#LEVEL_PROPERTY} names. No XML is read; the hub and the worker then apply their
 * {@code log.*} settings with {@link LogBackend#apply}.
 */
public final class PoolLogConfigurator extends ContextAwareBase implements Configurator {
    /** Made by {@code ServiceLoader}. */
    public PoolLogConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogBackend.configureDefault(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
