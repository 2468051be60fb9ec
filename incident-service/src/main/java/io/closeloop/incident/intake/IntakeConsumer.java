package io.closeloop.incident.intake;

import io.closeloop.chassis.inbox.BatchInbox;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.IncidentReported;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A poll's worth of reports at a time, in one transaction: a site's backfill costs one durable commit per batch. */
@ApplicationScoped
public class IntakeConsumer {

    private final BatchInbox inbox;
    private final IncidentIntake intake;

    IntakeConsumer(BatchInbox inbox, IncidentIntake intake) {
        this.inbox = inbox;
        this.intake = intake;
    }

    @Incoming("incidents-reported")
    @Blocking
    public void onReported(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        inbox.<IncidentReported>consume("intake", batch, EventType.INCIDENT_REPORTED, intake::receiveAll);
    }
}
