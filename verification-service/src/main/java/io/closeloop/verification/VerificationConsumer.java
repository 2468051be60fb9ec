package io.closeloop.verification;

import io.closeloop.chassis.inbox.Inbox;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class VerificationConsumer {

    private final Inbox inbox;
    private final Verifications verifications;

    VerificationConsumer(Inbox inbox, Verifications verifications) {
        this.inbox = inbox;
        this.verifications = verifications;
    }

    @Incoming("actions-embedded")
    @Blocking
    public void onEmbedded(ConsumerRecord<String, byte[]> record) {
        inbox.<ActionsEmbedded>consume("open-verification", record, EventType.ACTIONS_EMBEDDED,
                event -> verifications.open(event.data()));
    }
}
