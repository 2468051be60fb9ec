package io.closeloop.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A repeat incident links to an incident that was closed after verification: the closure is in question. */
public record ClosureChallenged(
        UUID closedIncidentId,
        String site,
        UUID repeatIncidentId,
        String reason,
        Instant challengedAt) {
}
