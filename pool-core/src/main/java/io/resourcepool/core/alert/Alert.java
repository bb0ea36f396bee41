package io.resourcepool.core.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One incident, gathered: every event of one kind (and, for kinds gathered per subject, one subject) from the first
 * to the last, with how many there were. A flood becomes one of these, not thousands.
 *
 * @param kind what it is about
 * @param subject the node, source or account; for kinds gathered for the whole hub, the subject seen most
 * @param count how many events it gathers, 1 or more
 * @param firstAt the first event
 * @param lastAt the last event
 * @param detail the last event's words; never a secret
 * @param subjects how many events each subject had, most first, at most {@value #MAX_SUBJECTS} of them
 * @param hub the name of the hub that raised it
 */
public record Alert(AlertKind kind, String subject, long count, Instant firstAt, Instant lastAt, String detail,
        Map<String, Long> subjects, String hub) {
    /** The most subjects an alert lists. */
    public static final int MAX_SUBJECTS = 10;

    /** Checks the fields. */
    public Alert {
        Objects.requireNonNull(kind, "kind must be given");
        Objects.requireNonNull(subject, "subject must be given (empty when none)");
        Objects.requireNonNull(firstAt, "firstAt must be given");
        Objects.requireNonNull(lastAt, "lastAt must be given");
        Objects.requireNonNull(detail, "detail must be given (empty when none)");
        Objects.requireNonNull(hub, "hub must be given");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        Objects.requireNonNull(subjects, "subjects must be given (empty when none)");
        if (subjects.size() > MAX_SUBJECTS) {
            throw new IllegalArgumentException("subjects lists " + subjects.size() + "; at most " + MAX_SUBJECTS);
        }
        subjects = Collections.unmodifiableMap(new LinkedHashMap<>(subjects));
    }

    /**
     * The one line a person reads first.
     *
     * @return for example {@code failed logins spiked: 203.0.113.7 (1000 times)}
     */
    public String title() {
        return kind.summary() + (subject.isEmpty() ? "" : ": " + subject) + (count > 1 ? " (" + count + " times)" : "");
    }
}
