package io.resourcepool.core.hub;

import io.resourcepool.core.audit.AuditAnchor;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.core.auth.AuthServices;
import java.time.InstantSource;

/** The parts of one hub that every conversation uses. */
record HubServices(
        HubConfig config,
        InstantSource clock,
        Store store,
        AuthServices auth,
        NodeRegistry registry,
        JobDispatcher dispatcher,
        JobCompletion completion,
        WorkerLoss loss,
        Enrolment enrolment,
        HeartbeatRecorder heartbeats,
        SourceLimits limits,
        RelayBuffers relays,
        Strangers strangers,
        DiskGuard disk,
        AuditAnchor anchor,
        HubLeases leases,
        JobsAcrossHubs across) {

    void audit(String actor, String action, String target, String source, String detail) {
        store.audit().append(new AuditEvent(clock.instant(), actor, action, target, source, detail));
    }
}
