package io.resourcepool.transport.tls;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.transport.MachineIdentity;

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
}
