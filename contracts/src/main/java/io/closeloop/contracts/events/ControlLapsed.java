package io.closeloop.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** An embedded control item went two consecutive weeks without a recorded result. */
public record ControlLapsed(
        UUID incidentId,
        String site,
        UUID actionId,
        String controlId,
        String owner,
        String lastRecordedWeek,
        Instant lapsedAt) {
}
