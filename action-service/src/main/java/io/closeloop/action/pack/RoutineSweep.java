package io.closeloop.action.pack;

import io.closeloop.action.ActionConfig;
import io.closeloop.action.IsoWeek;
import io.closeloop.action.plan.ActionStatus;
import io.closeloop.action.plan.CorrectiveAction;
import io.closeloop.action.plan.Plan;
import io.closeloop.action.plan.PlanRules;
import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.ControlLapsed;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Looks over every live action on a schedule: an embedded item that went unrecorded lapses, an action not running by
 * its due date escalates. Rows are locked, so replicas sweeping at once do each thing once.
 */
@ApplicationScoped
public class RoutineSweep {

    private final Outbox outbox;
    private final Escalations escalations;
    private final ActionConfig config;
    private final Clock clock;

    RoutineSweep(Outbox outbox, Escalations escalations, ActionConfig config, Clock clock) {
        this.outbox = outbox;
        this.escalations = escalations;
        this.config = config;
        this.clock = clock;
    }

    public record Outcome(int lapsed, int overdue) {
    }

    @Scheduled(every = "${closeloop.action.sweep-every:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        sweep();
    }

    @Transactional
    public Outcome sweep() {
        IsoWeek current = IsoWeek.of(clock.instant());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int lapsed = 0;
        for (CorrectiveAction action : CorrectiveAction.<CorrectiveAction>find("status", ActionStatus.EMBEDDED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()) {
            var last = EmbeddingRules.lapsed(IsoWeek.parse(action.embeddedWeek), Packs.doneWeeks(action), current,
                    config.lapseWeeks());
            if (last.isPresent()) {
                lapse(action, last.get());
                lapsed++;
            }
        }
        int overdue = 0;
        for (CorrectiveAction action : CorrectiveAction.<CorrectiveAction>find(
                "status in ?1 and overdueEscalatedAt is null and dueOn < ?2",
                List.of(ActionStatus.PLANNED, ActionStatus.ACTIVE), today)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()) {
            if (PlanRules.overdue(action.dueOn, !Packs.doneWeeks(action).isEmpty(), today)) {
                Plan plan = Plan.findById(action.planId);
                action.overdueEscalatedAt = clock.instant();
                escalations.raise(EscalationKind.OVERDUE_ACTION, new Escalations.Subject(plan.site, action.owner,
                        plan.incidentId, action.id, action.controlId, current.toString()),
                        "Due on " + action.dueOn + " and still not running in " + action.owner + "'s weekly pack: "
                                + action.description);
                overdue++;
            }
        }
        return new Outcome(lapsed, overdue);
    }

    private void lapse(CorrectiveAction action, IsoWeek lastRecorded) {
        Plan plan = Plan.findById(action.planId);
        action.status = ActionStatus.LAPSED;
        action.lapsedAt = clock.instant();
        outbox.publish(Topics.CONTROL_LAPSED, plan.incidentId.toString(), new ControlLapsed(plan.incidentId,
                plan.site, action.id, action.controlId, action.owner, lastRecorded.toString(), action.lapsedAt));
        escalations.raise(EscalationKind.CONTROL_LAPSED, new Escalations.Subject(plan.site, action.owner,
                plan.incidentId, action.id, action.controlId, lastRecorded.toString()),
                "No result for " + config.lapseWeeks() + " weeks after embedding; last recorded " + lastRecorded
                        + ": " + action.description);
    }
}
