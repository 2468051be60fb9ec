package io.closeloop.accountability.escalation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Only the trigger: the escalation itself is {@link Escalations#escalateOverdue()}. */
@ApplicationScoped
public class EscalationScheduler {

    private final Escalations escalations;

    EscalationScheduler(Escalations escalations) {
        this.escalations = escalations;
    }

    @Scheduled(identity = "escalate-overdue-accountabilities", every = "{closeloop.accountability.escalation.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        escalations.escalateOverdue();
    }
}
