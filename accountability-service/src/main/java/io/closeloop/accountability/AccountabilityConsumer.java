package io.closeloop.accountability;

import io.closeloop.chassis.inbox.Inbox;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.IncidentReviewed;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class AccountabilityConsumer {

    private final Inbox inbox;
    private final Accountabilities accountabilities;

    AccountabilityConsumer(Inbox inbox, Accountabilities accountabilities) {
        this.inbox = inbox;
        this.accountabilities = accountabilities;
    }

    @Incoming("incidents-reviewed")
    @Blocking
    public void onReviewed(ConsumerRecord<String, byte[]> record) {
        inbox.<IncidentReviewed>consume("open-accountabilities", record, EventType.INCIDENT_REVIEWED,
                event -> accountabilities.open(event.data()));
    }

    @Incoming("incidents-closed")
    @Blocking
    public void onClosed(ConsumerRecord<String, byte[]> record) {
        inbox.<IncidentClosed>consume("discharge", record, EventType.INCIDENT_CLOSED,
                event -> accountabilities.discharge(event.data()));
    }
}
