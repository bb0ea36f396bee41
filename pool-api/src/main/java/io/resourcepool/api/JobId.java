package io.resourcepool.api;

import java.util.UUID;

/**
 * The identity of a job: a random UUID, given by the hub when the job is accepted.
 *
 * @param value the UUID
 */
public record JobId(UUID value) {
    /** Checks the value. */
    public JobId {
        Checks.present(value, "job id");
    }

    /**
     * A new random job id.
     *
     * @return the id
     */
    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /**
     * Parses the text form.
     *
     * @param text a UUID in its usual text form
     * @return the id
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static JobId parse(String text) {
        try {
            return new JobId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job id '" + text + "' is not a UUID", e);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
