package io.resourcepool.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The incidents open now: events of one kind (and subject, for kinds gathered per subject) gathered until they stop
 * for the quiet period, or until the incident has lasted its longest; then it is due and becomes one alert with
 * the count. So a flood of a thousand events makes one alert, and a trickle that never stops one alert per
 * longest incident.
 *
 * <p>Bounded, because subjects come from strangers: at most {@value #MAX_OPEN} incidents are open at once (events of a
 * new subject beyond that join the kind's {@value #OVERFLOW} incident) and each counts at most
 * {@value #MAX_COUNTED_SUBJECTS} subjects one by one (beyond that they count only in the total). Thread-safe.
 */
final class Incidents {
    static final int MAX_OPEN = 10_000;
    static final int MAX_COUNTED_SUBJECTS = 1_000;
    static final String OVERFLOW = "(many)";

    private record Key(AlertKind kind, String subject) {}

    private static final class Open {
        final Instant first;
        Instant last;
        long count;
        String detail = "";
        final Map<String, Long> bySubject = new HashMap<>();

        Open(Instant first) {
            this.first = first;
            this.last = first;
        }
    }

    private final Duration quiet;
    private final Duration longest;
    private final Map<Key, Open> open = new LinkedHashMap<>();

    Incidents(Duration quiet, Duration longest) {
        this.quiet = quiet;
        this.longest = longest;
    }

    /** Adds an event to its incident, opening one when none is open. */
    synchronized void add(AlertKind kind, String subject, String detail, Instant at) {
        Key key = new Key(kind, kind.perSubject() ? subject : "");
        if (!open.containsKey(key) && open.size() >= MAX_OPEN) {
            key = new Key(kind, OVERFLOW);
        }
        Open incident = open.computeIfAbsent(key, k -> new Open(at));
        incident.last = at.isAfter(incident.last) ? at : incident.last;
        incident.count++;
        incident.detail = detail;
        if (incident.bySubject.containsKey(subject) || incident.bySubject.size() < MAX_COUNTED_SUBJECTS) {
            incident.bySubject.merge(subject, 1L, Long::sum);
        }
    }

    /** Whether an incident of this kind and subject is gathering now. */
    synchronized boolean isOpen(AlertKind kind, String subject) {
        return open.containsKey(new Key(kind, kind.perSubject() ? subject : ""));
    }

    /**
     * Takes the incidents that are due: quiet for the quiet period, or open for the longest incident.
     *
     * @param now the time
     * @param hub the hub's name, for the alerts
     * @return their alerts, oldest incident first
     */
    synchronized List<Alert> takeDue(Instant now, String hub) {
        List<Alert> due = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Open> entry = it.next();
            Open incident = entry.getValue();
            if (!now.isBefore(incident.last.plus(quiet)) || !now.isBefore(incident.first.plus(longest))) {
                it.remove();
                due.add(alertOf(entry.getKey(), incident, hub));
            }
        }
        return due;
    }

    /**
     * Takes every open incident, due or not, for a last word before closing.
     *
     * @param hub the hub's name, for the alerts
     * @return their alerts
     */
    synchronized List<Alert> takeAll(String hub) {
        List<Alert> all = new ArrayList<>();
        open.forEach((key, incident) -> all.add(alertOf(key, incident, hub)));
        open.clear();
        return all;
    }

    private static Alert alertOf(Key key, Open incident, String hub) {
        Map<String, Long> top = new LinkedHashMap<>();
        incident.bySubject.entrySet().stream()
                .filter(e -> !e.getKey().isEmpty())
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(Alert.MAX_SUBJECTS)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        String subject = !key.subject().isEmpty() ? key.subject() : top.keySet().stream().findFirst().orElse("");
        return new Alert(key.kind(), subject, incident.count, incident.first, incident.last, incident.detail, top, hub);
    }
}
