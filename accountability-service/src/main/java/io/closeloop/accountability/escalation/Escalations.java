package io.closeloop.accountability.escalation;

import io.closeloop.accountability.Accountabilities;
import io.closeloop.accountability.Accountability;
import io.closeloop.accountability.AccountabilityConfig;
import io.closeloop.accountability.AccountabilityStatus;
import io.closeloop.accountability.history.HistoryAction;
import io.closeloop.accountability.history.HistoryEntry;
import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityEscalated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Moves overdue accountabilities up a level. The scheduler calls {@link #escalateOverdue()}; so do tests. */
@ApplicationScoped
public class Escalations {

    private final Outbox outbox;
    private final Clock clock;
    private final AccountabilityConfig config;

    Escalations(Outbox outbox, Clock clock, AccountabilityConfig config) {
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /** Records and publishes every escalation that is due now; returns how many. */
    @Transactional
    public int escalateOverdue() {
        Instant now = clock.instant();
        // Row locks: with several replicas, the second waits, then sees the levels the first recorded.
        List<Accountability> overdue = Accountability.<Accountability>find(
                "status in ?1 and dueOn < ?2 and escalation <> ?3 order by dueOn, id",
                AccountabilityStatus.PENDING, LocalDate.now(clock), EscalationLevel.BOARD)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        int recorded = 0;
        for (Accountability a : overdue) {
            for (EscalationLevel level : EscalationRules.due(a.status, a.dueOn, a.escalation, now,
                    config.escalation().boardAfter())) {
                escalate(a, level, now);
                recorded++;
            }
        }
        return recorded;
    }

    private void escalate(Accountability a, EscalationLevel level, Instant now) {
        String owner = a.owner != null ? a.owner : a.nominatedOwner;
        String reason = reason(a);
        Escalation e = new Escalation();
        e.id = UUID.randomUUID();
        e.accountabilityId = a.id;
        e.term = a.term;
        e.level = level;
        e.owner = owner;
        e.reason = reason;
        e.dueOn = a.dueOn;
        e.escalatedAt = now;
        e.persist();
        a.escalation = level;
        HistoryEntry.append(a.id, now, Accountabilities.SYSTEM, HistoryAction.ESCALATED, a.owner, level + ": " + reason);
        outbox.publish(Topics.ACCOUNTABILITY_ESCALATED, a.incidentId.toString(), new AccountabilityEscalated(
                a.incidentId, a.site, a.id, a.controlFailureId, owner, level.name(), reason, a.dueOn, now));
    }

    private static String reason(Accountability a) {
        return switch (a.status) {
            case UNASSIGNED -> "No valid owner by " + a.dueOn + ": " + a.ownerProblem;
            case DISPUTED -> "Disputed by " + a.owner + " and not resolved by " + a.dueOn + ": " + a.disputeReason;
            default -> "Not acknowledged by " + a.owner + " by " + a.dueOn;
        };
    }
}
