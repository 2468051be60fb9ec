package io.closeloop.incident.intake;

import io.closeloop.chassis.inbox.Inbox;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.IncidentReported;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class IntakeConsumer {

    private final Inbox inbox;
    private final IncidentIntake intake;

    IntakeConsumer(Inbox inbox, IncidentIntake intake) {
        this.inbox = inbox;
        this.intake = intake;
    }

    @Incoming("incidents-reported")
    @Blocking
    public void onReported(ConsumerRecord<String, byte[]> record) {
        inbox.<IncidentReported>consume("intake", record, EventType.INCIDENT_REPORTED,
                event -> intake.receive(event.data(), event.topic(), "site:" + event.data().site()));
    }
}
