package io.resourcepool.core.alert;

/**
 * Hears what the notifier does, for metrics. Called on the notifier's threads; must be quick and must not throw.
 */
public interface AlertCounters {
    /** Hears nothing. */
    AlertCounters NONE = new AlertCounters() {};

    /**
     * An incident became an alert, told to every webhook.
     *
     * @param alert the alert
     */
    default void raised(Alert alert) {}

    /**
     * A delivery was given up after its last try.
     *
     * @param webhook where it was going
     */
    default void deliveryFailed(Webhook webhook) {}

    /**
     * An alert was dropped because the webhook's queue was full.
     *
     * @param webhook where it was going
     */
    default void dropped(Webhook webhook) {}
}
