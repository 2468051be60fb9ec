package io.closeloop.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every corrective action of the incident is embedded in its owner's routine, with indicator evidence. */
public record ActionsEmbedded(
        UUID incidentId,
        String site,
        UUID planId,
        List<EmbeddedAction> actions,
        Instant embeddedAt) {

    public record EmbeddedAction(
            UUID actionId,
            UUID controlFailureId,
            String controlName,
            String owner,
            String description,
            String indicator,
            Double baseline,
            List<Double> recentValues) {
    }
}
