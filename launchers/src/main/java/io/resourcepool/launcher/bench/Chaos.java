package io.resourcepool.launcher.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak's chaos: a schedule of faults made from a seed (the same seed gives the same faults at the same times),
 * played one after the other and printed as they happen. Faults fall between 10% and 75% of the run, so the pool
 * starts under load and has time to recover before the checks; every kind comes once before any comes twice.
 */
final class Chaos {
    /** A kind of fault. */
    enum Kind {
        /** SIGKILL of a real worker, started again a moment later on its data directory. */
        WORKER_KILL,
        /** SIGSTOP of a real worker for longer than the node timeout, then SIGCONT. */
        WORKER_STOP,
        /** SIGKILL of a client process following a job's output; a new one reattaches. */
        CLIENT_KILL,
        /** SIGSTOP of a client process following a job's output, then SIGCONT. */
        CLIENT_STOP,
        /** SIGSTOP of the fleet's process for longer than the node timeout, then SIGCONT. */
        FLEET_STOP,
        /** SIGKILL of the hub, started again on the same data directory and port. */
        HUB_KILL,
        /** {@code pg_ctl restart -m fast} of the soak's own PostgreSQL. */
        DATABASE_RESTART
    }

    /**
     * One fault.
     *
     * @param at when, from the start of the load
     * @param kind what
     * @param target which worker or client, for the kinds that have several (0 otherwise)
     */
    record Fault(Duration at, Kind kind, int target) {
        Fault {
            Objects.requireNonNull(at, "at must be given");
            Objects.requireNonNull(kind, "kind must be given");
            if (at.isNegative() || target < 0) {
                throw new IllegalArgumentException("a fault needs a time and a target of 0 or more, was " + at + " and " + target);
            }
        }
    }

    /** What the chaos does to the pool; each call returns once the fault has played out (a stopped process resumed). */
    interface Injector {
        /**
         * Injects one fault.
         *
         * @param fault the fault
         * @return what was done, for the log
         */
        String inject(Fault fault);
    }

    /** Faults at least this far apart, so each one's recovery is seen before the next. */
    static final Duration SPACING = Duration.ofSeconds(10);

    private final List<Fault> schedule;
    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
    private final List<String> failures = new ArrayList<>();

    private Chaos(List<Fault> schedule) {
        this.schedule = List.copyOf(schedule);
    }

    /**
     * The schedule of a run.
     *
     * @param seed the seed
     * @param run how long the load lasts
     * @param kinds the kinds of fault to inject
     * @param workers real workers that may be hit
     * @param clients client processes that may be hit
     * @return the chaos, not yet started
     */
    static Chaos plan(long seed, Duration run, Set<Kind> kinds, int workers, int clients) {
        if (workers < 1 || clients < 1 || kinds.isEmpty()) {
            throw new IllegalArgumentException("chaos needs a worker, a client and a kind of fault; had " + workers + ", " + clients + " and " + kinds);
        }
        Random random = new Random(seed);
        Duration first = run.dividedBy(10);
        Duration window = run.multipliedBy(3).dividedBy(4).minus(first);
        int count = (int) Math.max(kinds.size(), window.toSeconds() / SPACING.toSeconds());
        Duration step = window.dividedBy(count);
        List<Fault> faults = new ArrayList<>();
        List<Kind> round = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (round.isEmpty()) {
                round.addAll(kinds.stream().sorted().toList());
                Collections.shuffle(round, random);
            }
            Kind kind = round.removeFirst();
            int target = switch (kind) {
                case WORKER_KILL, WORKER_STOP -> random.nextInt(workers);
                case CLIENT_KILL, CLIENT_STOP -> random.nextInt(clients);
                case FLEET_STOP, HUB_KILL, DATABASE_RESTART -> 0;
            };
            faults.add(new Fault(first.plus(step.multipliedBy(i)), kind, target));
        }
        return new Chaos(faults);
    }

    List<Fault> schedule() {
        return schedule;
    }

    /**
     * Plays the schedule from {@code startNanos} ({@link System#nanoTime()}), printing each fault; a fault that could
     * not be injected is printed and remembered, and the schedule goes on.
     */
    void play(long startNanos, Injector injector, PrintWriter out) {
        for (Fault fault : schedule) {
            long due = startNanos + fault.at().toNanos();
            for (long left = due - System.nanoTime(); left > 0 && !Thread.currentThread().isInterrupted(); left = due - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            double at = (System.nanoTime() - startNanos) / 1e9;
            try {
                String done = injector.inject(fault);
                record(fault.kind());
                out.printf(Locale.ROOT, "chaos %6.1fs  %-16s %s%n", at, fault.kind(), done);
            } catch (RuntimeException e) {
                fail(fault + ": " + e.getMessage());
                out.printf(Locale.ROOT, "chaos %6.1fs  %-16s FAILED: %s%n", at, fault.kind(), e.getMessage());
            }
            out.flush();
        }
    }

    private synchronized void record(Kind kind) {
        injected.merge(kind, 1, Integer::sum);
    }

    private synchronized void fail(String what) {
        failures.add(what);
    }

    /** How many faults of each kind were injected. */
    synchronized Map<Kind, Integer> injected() {
        Map<Kind, Integer> copy = new EnumMap<>(Kind.class);
        copy.putAll(injected);
        return copy;
    }

    /** Faults that could not be injected (a process that would not restart, a database that would not come back). */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }
}
