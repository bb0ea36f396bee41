package io.resourcepool.transport.tls;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.transport.MachineIdentity;
import java.time.Instant;
import java.util.Optional;

/** A worker's key and certificate ({@link WorkerIdentity}) as the worker engine sees them. */
final class WorkerMachineIdentity implements MachineIdentity {
    private final WorkerIdentity identity;

    WorkerMachineIdentity(WorkerIdentity identity) {
        this.identity = identity;
    }

    @Override
    public boolean isEnrolled() {
        return identity.keyMaterial().isPresent();
    }

    @Override
    public String certificateSigningRequest(String hostname) {
        return identity.certificationRequestPem();
    }

    @Override
    public void install(String certificateChainPem) {
        identity.storeCertificate(certificateChainPem);
    }

    @Override
    public String nodeName() {
        return identity.nodeId().map(NodeId::value).orElseThrow(() -> new IllegalStateException("this worker is not enrolled yet"));
    }

    @Override
    public Optional<Instant> certificateNotBefore() {
        return identity.notBefore();
    }

    @Override
    public Optional<Instant> certificateNotAfter() {
        return identity.notAfter();
    }

    @Override
    public boolean canRenew() {
        return true;
    }

    @Override
    public String renewalRequest() {
        return identity.renewalRequest();
    }

    @Override
    public void installRenewal(String certificateChainPem, String trustedCasPem) {
        identity.storeRenewal(certificateChainPem, trustedCasPem);
    }
}
