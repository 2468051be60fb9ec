package io.closeloop.verification.findings;

import io.closeloop.chassis.inbox.Inbox;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.IncidentReviewed;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the approved review of each incident, so the closure report can show what was found and who owns it. */
@ApplicationScoped
public class FindingsConsumer {

    private final Inbox inbox;

    FindingsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("incidents-reviewed")
    @Blocking
    public void onReviewed(ConsumerRecord<String, byte[]> record) {
        inbox.<IncidentReviewed>consume("review-findings", record, EventType.INCIDENT_REVIEWED,
                event -> keep(event.data()));
    }

    /** The latest approved review of an incident replaces an earlier one. */
    static void keep(IncidentReviewed reviewed) {
        ReviewedIncident incident = ReviewedIncident.findById(reviewed.incidentId());
        if (incident == null) {
            incident = new ReviewedIncident();
            incident.incidentId = reviewed.incidentId();
        }
        incident.site = reviewed.site();
        incident.siteReference = reviewed.siteReference();
        incident.category = reviewed.category() == null ? null : reviewed.category().name();
        incident.harmLevel = reviewed.harmLevel() == null ? null : reviewed.harmLevel().name();
        incident.reviewId = reviewed.reviewId();
        incident.reviewer = reviewed.reviewer();
        incident.approvedBy = reviewed.approvedBy();
        incident.approvedAt = reviewed.approvedAt();
        Map<UUID, Finding> earlier = incident.findings.stream()
                .collect(Collectors.toMap(f -> f.controlFailureId, f -> f));
        incident.findings.clear();
        for (IncidentReviewed.ControlFailure failure : reviewed.controlFailures()) {
            // Updated in place: a new row under the same key would be inserted before the old one is removed.
            Finding finding = earlier.getOrDefault(failure.controlFailureId(), new Finding());
            finding.controlFailureId = failure.controlFailureId();
            finding.controlId = failure.controlId();
            finding.controlName = failure.controlName();
            finding.failureMode = failure.failureMode();
            finding.evidence = failure.evidence();
            finding.owner = failure.owner();
            incident.findings.add(finding);
        }
        incident.persist();
    }
}
