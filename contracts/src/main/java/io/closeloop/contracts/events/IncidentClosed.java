package io.closeloop.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Verification evidence showed improvement and a senior leader signed off the closure. */
public record IncidentClosed(
        UUID incidentId,
        String site,
        UUID verificationId,
        String closedBy,
        String rationale,
        Instant closedAt) {
}
