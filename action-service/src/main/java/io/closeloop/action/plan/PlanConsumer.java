package io.closeloop.action.plan;

import io.closeloop.chassis.inbox.Inbox;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.VerificationFailed;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class PlanConsumer {

    private final Inbox inbox;
    private final Plans plans;

    PlanConsumer(Inbox inbox, Plans plans) {
        this.inbox = inbox;
        this.plans = plans;
    }

    @Incoming("accountability-assigned")
    @Blocking
    public void onAssigned(ConsumerRecord<String, byte[]> record) {
        inbox.<AccountabilityAssigned>consume("open-plan", record, EventType.ACCOUNTABILITY_ASSIGNED,
                event -> plans.open(event.data()));
    }

    @Incoming("verification-failed")
    @Blocking
    public void onVerificationFailed(ConsumerRecord<String, byte[]> record) {
        inbox.<VerificationFailed>consume("reopen-plan", record, EventType.VERIFICATION_FAILED,
                event -> plans.reopen(event.data()));
    }
}
