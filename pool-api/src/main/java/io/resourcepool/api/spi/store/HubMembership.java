package io.resourcepool.api.spi.store;

import io.resourcepool.api.HubId;
import java.time.Duration;
import java.util.List;

/**
 * Which hubs share the database now. A hub announces itself with a lease and renews it well before it runs out;
 * a hub whose lease ran out counts as gone. Leases are measured by the database's clock, never a hub's, so hubs
 * whose clocks disagree still agree on who is live. Each method is one atomic step.
 */
public interface HubMembership {

    /**
     * Announces a hub, or announces it again (after a restart, or after its lease ran out): its row is written
     * whole, with a lease of {@code ttl} from now.
     *
     * @param hub the hub
     * @param clientAddress where clients and workers reach it; see {@link HubMember}
     * @param ttl how long the lease lasts, positive
     * @return the hub as recorded
     */
    HubMember announce(HubId hub, String clientAddress, Duration ttl);

    /**
     * Extends a live hub's lease to {@code ttl} from now. A lease that already ran out is not renewed: the other
     * hubs may have taken over the hub's work, and it must {@link #announce} itself again knowing that.
     *
     * @param hub the hub
     * @param ttl how long the lease lasts from now, positive
     * @return true when renewed; false when the hub is unknown or its lease ran out
     */
    boolean renew(HubId hub, Duration ttl);

    /**
     * The hubs whose lease has not run out, by name.
     *
     * @return the live hubs
     */
    List<HubMember> live();

    /**
     * Removes a hub's row, as a hub stopping cleanly does, so that the others need not wait for its lease.
     *
     * @param hub the hub
     * @return true when it had a row
     */
    boolean leave(HubId hub);
}
