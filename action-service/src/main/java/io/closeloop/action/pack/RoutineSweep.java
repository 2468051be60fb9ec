package io.closeloop.action.pack;

import io.closeloop.action.ActionConfig;
import io.closeloop.action.IsoWeek;
import io.closeloop.action.plan.ActionHistory;
import io.closeloop.action.plan.ActionStatus;
import io.closeloop.action.plan.CorrectiveAction;
import io.closeloop.action.plan.HistoryKind;
import io.closeloop.action.plan.Plan;
import io.closeloop.action.plan.PlanRules;
import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.ControlLapsed;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Looks over every live action on a schedule: an embedded item that went unrecorded lapses, an action not running by
 * its due date escalates to the senior leader, then to the board. Rows are locked, so replicas sweeping at once do
 * each thing once; a unique index holds each escalation level once as well.
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

    /** What a sweep did: items lapsed, and overdue escalations raised (one per action and level). */
    public record Outcome(int lapsed, int overdue) {
    }

    @Scheduled(every = "${closeloop.action.sweep-every:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        sweep();
    }

    @Transactional
    public Outcome sweep() {
        Instant now = clock.instant();
        IsoWeek current = IsoWeek.of(now);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int lapsed = 0;
        for (CorrectiveAction action : CorrectiveAction.<CorrectiveAction>find("status", ActionStatus.EMBEDDED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()) {
            IsoWeek watchedAfter = EmbeddingRules.watchedAfter(IsoWeek.parse(action.embeddedWeek),
                    action.recoveredWeek == null ? null : IsoWeek.parse(action.recoveredWeek));
            var last = EmbeddingRules.lapsed(watchedAfter, Packs.doneWeeks(action), current, config.lapseWeeks());
            if (last.isPresent()) {
                lapse(action, last.get());
                lapsed++;
            }
        }
        int overdue = 0;
        for (CorrectiveAction action : CorrectiveAction.<CorrectiveAction>find(
                "status in ?1 and escalation <> ?2 and dueOn < ?3",
                List.of(ActionStatus.PLANNED, ActionStatus.ACTIVE), EscalationLevel.BOARD, today)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()) {
            List<EscalationLevel> levels = PlanRules.overdueLevels(action.dueOn, !Packs.doneWeeks(action).isEmpty(),
                    action.escalation, now, config.escalation().boardAfter());
            for (EscalationLevel level : levels) {
                escalate(action, level, current);
                overdue++;
            }
        }
        return new Outcome(lapsed, overdue);
    }

    private void escalate(CorrectiveAction action, EscalationLevel level, IsoWeek current) {
        Plan plan = Plan.findById(action.planId);
        String detail = "Due on " + action.dueOn + " and still not running in " + action.owner + "'s weekly pack; "
                + "escalated to the " + (level == EscalationLevel.BOARD ? "board" : "senior leader") + ": "
                + action.description;
        action.escalation = level;
        escalations.raiseOverdue(new Escalations.Subject(plan.site, action.owner, plan.incidentId, action.id,
                action.controlId, current.toString()), level, action.cycle, detail);
        ActionHistory.append(action, HistoryKind.ESCALATED, current.toString(), level + ": " + detail,
                ActionHistory.SYSTEM, clock.instant());
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
        ActionHistory.append(action, HistoryKind.LAPSED, IsoWeek.of(action.lapsedAt).toString(),
                "No result for " + config.lapseWeeks() + " weeks; last recorded " + lastRecorded,
                ActionHistory.SYSTEM, action.lapsedAt);
    }
}
