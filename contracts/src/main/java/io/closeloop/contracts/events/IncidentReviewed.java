package io.closeloop.contracts.events;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An approved structured review: the control failures it found, each with a named leadership owner. */
public record IncidentReviewed(
        UUID incidentId,
        String site,
        String siteReference,
        IncidentCategory category,
        HarmLevel harmLevel,
        UUID reviewId,
        String reviewer,
        String approvedBy,
        Instant approvedAt,
        List<ControlFailure> controlFailures) {

    public record ControlFailure(
            UUID controlFailureId,
            String controlId,
            String controlName,
            String failureMode,
            String evidence,
            String owner) {
    }
}
