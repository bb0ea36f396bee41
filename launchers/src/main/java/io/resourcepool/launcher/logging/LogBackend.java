package io.resourcepool.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;

/**
 * Sets Logback up from {@link LogSettings}, in code: the root logger's level, and one appender (standard error or a
 * rotated file) with a text or JSON encoder. Logback is process-wide, so this is too; it is called once at start.
 */
public final class LogBackend {
    /** The system property the default configuration reads its level from, before any setting is known. */
    public static final String LEVEL_PROPERTY = "resourcepool.log.level";

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";
    private static final String APPENDER = "pool";

    private LogBackend() {}

    /**
     * Replaces the logging set-up with the given one.
     *
     * @param settings level, format and target
     */
    public static void apply(LogSettings settings) {
        LoggerContext context = context();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> appender = switch (settings.target()) {
            case LogTarget.StandardError ignored -> standardError(context);
            case LogTarget.RollingFile file -> rollingFile(context, file);
        };
        appender.setEncoder(encoder(context, settings.format()));
        appender.start();
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(settings.level());
    }

    /**
     * Makes logging more verbose by some steps from where it stands (a client's WARN: {@code -v} INFO, {@code -vv}
     * DEBUG, {@code -vvv} TRACE).
     *
     * @param steps how many times {@code -v} was given; 0 changes nothing
     */
    public static void louder(int steps) {
        if (steps > 0) {
            Logger root = context().getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(LogSettings.louder(root.getLevel(), steps));
        }
    }

    /** The default set-up: standard error, text, at the level {@link #LEVEL_PROPERTY} names (INFO when not set). */
    static void configureDefault(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = standardError(context);
        console.setEncoder(encoder(context, LogFormat.TEXT));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.INFO));
        // these libraries report routine detail at INFO (pool sizes, probe fallbacks): a pool's own events matter more
        context.getLogger("oshi").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static ConsoleAppender<ILoggingEvent> standardError(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        console.setTarget("System.err");
        return console;
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, LogTarget.RollingFile target) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName(APPENDER);
        file.setFile(target.file().toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(target.file() + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(target.maxHistory());
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(target.maxFileBytes()));
        // Logback looks at the size once a minute by default, so a busy minute could overrun the limit many times over;
        // the hub and worker log little, and a stat per event keeps the limit true
        trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(0));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        return file;
    }

    /** The fields docs/CLI.md lists: the message formatted once, without Logback's context and sequence noise. */
    private static JsonEncoder json() {
        JsonEncoder json = new JsonEncoder();
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        return json;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        Encoder<ILoggingEvent> encoder = switch (format) {
            case TEXT -> {
                PatternLayoutEncoder text = new PatternLayoutEncoder();
                text.setPattern(PATTERN);
                yield text;
            }
            case JSON -> json();
        };
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }
}
