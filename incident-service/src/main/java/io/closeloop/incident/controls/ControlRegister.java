package io.closeloop.incident.controls;

import io.closeloop.chassis.inbox.Inbox;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.ControlPublished;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the control register that reviews pick control failures from, as action-service publishes it. */
@ApplicationScoped
public class ControlRegister {

    private final Inbox inbox;

    ControlRegister(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("controls")
    @Blocking
    public void onPublished(ConsumerRecord<String, byte[]> record) {
        inbox.<ControlPublished>consume("control-register", record, EventType.CONTROL_PUBLISHED, event -> {
            ControlPublished published = event.data();
            Control control = Control.findById(published.controlId());
            if (control == null) {
                control = new Control();
                control.id = published.controlId();
            } else if (control.version > published.version()) {
                return;
            }
            control.version = published.version();
            control.name = published.name();
            control.type = published.type();
            control.sites = String.join(",", published.sites());
            control.monitoringOwner = published.monitoringOwner();
            control.status = published.status();
            control.updatedAt = published.publishedAt();
            control.persist();
        });
    }

    /** The active control with this id, if the register has one. */
    public Optional<Control> active(String controlId) {
        Control control = Control.findById(controlId);
        return control != null && "ACTIVE".equals(control.status) ? Optional.of(control)
                : Optional.empty();
    }
}
