package io.resourcepool.launcher.bench;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.net.HubAddresses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Clients that submit a fixed number of jobs between them, each connected to the hubs in its own order, logging in
 * once: when its hub dies it connects to the next one and resumes its session there, so a session that another hub
 * does not take is counted. Every {@code realEvery}-th job prints a marker of its own on a real worker
 * ({@link SoakJob.Kind#REAL}), the others run {@code true} on the simulated fleet ({@link SoakJob.Kind#FLEET}).
 */
final class HubsClients {
    private static final Duration RETRY = Duration.ofMillis(200);

    private final Transport transport;
    private final IntFunction<HubAddresses> addresses;
    private final int jobs;
    /** One job in this many runs a process on a real worker; the others run on the simulated fleet. */
    private final int realEvery;
    private final AtomicInteger next = new AtomicInteger();
    private final List<SoakJob> accepted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> sessionsRefused = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger resumed = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    HubsClients(Transport transport, IntFunction<HubAddresses> addresses, int jobs, int realEvery) {
        this.realEvery = realEvery;
        this.transport = transport;
        this.addresses = addresses;
        this.jobs = jobs;
    }

    /** Starts the clients; they stop once every job is accepted. */
    void start(int count) {
        for (int i = 0; i < count; i++) {
            int client = i;
            threads.add(Thread.ofVirtual().name("hubs-client-" + i).start(() -> run(client)));
        }
    }

    /** Waits until every job is accepted. */
    void await() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    int acceptedCount() {
        return accepted.size();
    }

    List<SoakJob> accepted() {
        return List.copyOf(accepted);
    }

    /** Sessions another hub refused to resume after their hub died: each should have been taken. */
    List<String> sessionsRefused() {
        return List.copyOf(sessionsRefused);
    }

    /** Sessions resumed on a hub after the connection to another ended. */
    int resumedCount() {
        return resumed.get();
    }

    private void run(int client) {
        Optional<PoolClient> connected = Optional.empty();
        Optional<Secret> token = Optional.empty();
        for (int n = next.getAndIncrement(); n < jobs; n = next.getAndIncrement()) {
            String marker = "hubs-job-" + n;
            while (true) {
                try {
                    if (connected.isEmpty()) {
                        connected = Optional.of(connect(client, token));
                        token = connected.get().sessionToken();
                    }
                    SoakJob.Kind kind = n % realEvery == 0 ? SoakJob.Kind.REAL : SoakJob.Kind.FLEET;
                    JobId id = connected.get().submit(SoakJob.spec(kind, marker));
                    accepted.add(new SoakJob(id, kind, marker, Optional.empty()));
                    break;
                } catch (PoolException e) {
                    // the hub went away (or is coming back): submit again through the next one; a job stored but
                    // unanswered runs all the same, and is not counted as accepted
                    connected.ifPresent(PoolClient::close);
                    connected = Optional.empty();
                    LockSupport.parkNanos(RETRY.toNanos());
                }
            }
        }
        connected.ifPresent(PoolClient::close);
    }

    private PoolClient connect(int client, Optional<Secret> token) {
        PoolClient c = PoolClient.connect(transport, addresses.apply(client));
        if (token.isEmpty()) {
            return c.login(SoakClients.USER, SoakClients.PASSWORD);
        }
        try {
            PoolClient resumedClient = c.resume(token.get());
            resumed.incrementAndGet();
            return resumedClient;
        } catch (AuthenticationException e) {
            c.close();
            sessionsRefused.add("client " + client + ": " + e.getMessage());
            return PoolClient.connect(transport, addresses.apply(client)).login(SoakClients.USER, SoakClients.PASSWORD);
        }
    }
}
