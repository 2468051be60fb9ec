package io.closeloop.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An accountability is overdue or disputed and has gone up a level: to the senior leader, then the board. */
public record AccountabilityEscalated(
        UUID incidentId,
        String site,
        UUID accountabilityId,
        UUID controlFailureId,
        String owner,
        String level,
        String reason,
        LocalDate dueOn,
        Instant escalatedAt) {
}
