package io.closeloop.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Every control failure of the incident has an owner who accepted it and said what will change. */
public record AccountabilityAssigned(
        UUID incidentId,
        String site,
        List<Commitment> commitments,
        Instant assignedAt) {

    public record Commitment(
            UUID controlFailureId,
            String controlId,
            String controlName,
            String owner,
            String whatWillChange,
            String indicator,
            String target,
            LocalDate byWhen) {
    }
}
