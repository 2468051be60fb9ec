package io.closeloop.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Senior review rejected the verification: the incident goes back to corrective action. */
public record VerificationFailed(
        UUID incidentId,
        String site,
        UUID verificationId,
        String reviewedBy,
        List<String> reasons,
        Instant failedAt) {
}
