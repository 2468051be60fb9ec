package io.closeloop.verification.surveillance;

import io.closeloop.chassis.inbox.Inbox;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.ClosureChallenged;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class SurveillanceConsumer {

    private final Inbox inbox;
    private final Surveillance surveillance;

    SurveillanceConsumer(Inbox inbox, Surveillance surveillance) {
        this.inbox = inbox;
        this.surveillance = surveillance;
    }

    @Incoming("closure-challenged")
    @Blocking
    public void onChallenged(ConsumerRecord<String, byte[]> record) {
        inbox.<ClosureChallenged>consume("challenge-closure", record, EventType.CLOSURE_CHALLENGED,
                event -> surveillance.challenge(event.data()));
    }
}
