package io.closeloop.incident.stage;

import io.closeloop.chassis.events.InboundEvent;
import io.closeloop.chassis.inbox.Inbox;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.VerificationFailed;
import io.closeloop.incident.intake.Incident;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Follows every stage's events, so incident-service can say where each incident stands and what happened. */
@ApplicationScoped
public class StageTracker {

    private static final Logger LOG = Logger.getLogger(StageTracker.class);

    private final Inbox inbox;

    StageTracker(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("accountability-assigned")
    @Blocking
    public void onAssigned(ConsumerRecord<String, byte[]> record) {
        inbox.<AccountabilityAssigned>consume("stage", record, EventType.ACCOUNTABILITY_ASSIGNED,
                event -> advance(event, event.data().incidentId(), Stage.ACTION,
                        "Every control failure has an accountable owner: "
                                + event.data().commitments().stream().map(c -> c.owner()).distinct().toList()));
    }

    @Incoming("actions-embedded")
    @Blocking
    public void onEmbedded(ConsumerRecord<String, byte[]> record) {
        inbox.<ActionsEmbedded>consume("stage", record, EventType.ACTIONS_EMBEDDED,
                event -> advance(event, event.data().incidentId(), Stage.VERIFICATION,
                        event.data().actions().size() + " corrective action(s) embedded in control packs"));
    }

    @Incoming("verification-failed")
    @Blocking
    public void onVerificationFailed(ConsumerRecord<String, byte[]> record) {
        inbox.<VerificationFailed>consume("stage", record, EventType.VERIFICATION_FAILED,
                event -> advance(event, event.data().incidentId(), Stage.REOPENED,
                        "Verification rejected by " + event.data().reviewedBy() + ": "
                                + String.join("; ", event.data().reasons())));
    }

    @Incoming("incidents-closed")
    @Blocking
    public void onClosed(ConsumerRecord<String, byte[]> record) {
        inbox.<IncidentClosed>consume("stage", record, EventType.INCIDENT_CLOSED, event -> {
            advance(event, event.data().incidentId(), Stage.CLOSED, "Closed after verification, signed off by "
                    + event.data().closedBy() + ": " + event.data().rationale());
            Incident incident = Incident.findById(event.data().incidentId());
            if (incident != null) {
                incident.verifiedClosedAt = event.data().closedAt();
            }
        });
    }

    private void advance(InboundEvent<?> event, UUID incidentId, Stage stage, String what) {
        // Locked: each topic has its own consumer, and two of them applying their events to one incident at once would
        // both read the old stage, the last commit winning (a closure undone by the embedding read beside it).
        Incident incident = Incident.findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            LOG.warnf("Event %s names incident %s, which this service does not hold", event.id(), incidentId);
            return;
        }
        Stage next = incident.stage.after(stage);
        if (next != incident.stage) {
            incident.stage = next;
            incident.updatedAt = event.time();
        }
        IncidentHistory.append(incidentId, event.time(), actor(event.source()), serviceOf(event.source()), what);
    }

    private static String serviceOf(String source) {
        return source == null ? "unknown" : source.substring(source.lastIndexOf('/') + 1);
    }

    private static String actor(String source) {
        return "service:" + serviceOf(source);
    }
}
