package io.resourcepool.core.hub;

import io.resourcepool.core.audit.AuditAnchor;
import io.resourcepool.core.auth.AuthServices;
import io.resourcepool.core.auth.EnvironmentVault;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Wires the parts of a hub together, taking up the jobs an earlier run left unfinished. */
final class HubAssembly {
    private HubAssembly() {}

    static HubServices assemble(HubBuilder parts, AuthServices auth, JobJournal journal, AuditAnchor anchor) {
        HubConfig config = parts.config;
        List<Path> watched = new ArrayList<>(parts.diskWatched);
        watched.addFirst(config.dataDirectory());
        DiskGuard disk = new DiskGuard(parts.diskReserve, watched);
        NodeRegistry registry = new NodeRegistry(parts.clock, config.nodeTimeout());
        JobDispatcher dispatcher = new JobDispatcher(journal, registry, parts.scheduler, parts.clock, config.defaultJobTimeout(),
                config.relay().maxOutputCapBytes(), parts.observer, EnvironmentVault.openOrCreate(config.dataDirectory(), parts.keySeal), disk);
        JobCompletion completion = new JobCompletion(journal, dispatcher, parts.clock, parts.observer);
        // jobs that could not start while the store was away are placed once it answers again, off the caller's thread
        parts.availability.whenBack(() -> Thread.ofVirtual().name("hub-store-back").start(dispatcher::placeWaiting));
        OrphanedJobs orphans = new OrphanedJobs();
        HubLeases leases = new HubLeases(parts.store.coordination(), parts.hubId.orElseThrow(), HubLeases.ttlFor(config.nodeTimeout()),
                parts.clock);
        Instant graceEnds = parts.clock.instant().plus(config.nodeTimeout());
        leases.adoptEarlierRun(parts.store.nodes(), graceEnds);
        JobRecovery.recover(parts.store.jobs(), dispatcher, orphans, graceEnds, leases);
        WorkerLoss loss = new WorkerLoss(dispatcher, completion, journal, orphans, parts.clock, config.nodeTimeout(), parts.observer, leases);
        JobsAcrossHubs across = new JobsAcrossHubs(parts.store.coordination(), leases, parts.store.jobs(), dispatcher, completion, loss,
                registry, parts.clock);
        dispatcher.shareWith(across);
        Enrolment enrolment = new Enrolment(parts.store, auth.joinTokens(), parts.issuer, parts.clock, config.certificateValidity(),
                parts.decoyJoinTokens);
        return new HubServices(config, parts.clock, parts.store, auth, registry, dispatcher, completion, loss, enrolment,
                new HeartbeatRecorder(parts.store.nodes()),
                new SourceLimits(config.rateLimits(), parts.store.audit(), parts.observer, parts.clock),
                new RelayBuffers(config.relay().followerBufferBytes()),
                new Strangers(config.startups(), bound -> ThreadLocalRandom.current().nextInt(bound)), disk, anchor, leases, across);
    }
}
