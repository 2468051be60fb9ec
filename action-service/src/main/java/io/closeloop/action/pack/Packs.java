package io.closeloop.action.pack;

import io.closeloop.action.ActionConfig;
import io.closeloop.action.IsoWeek;
import io.closeloop.action.plan.ActionHistory;
import io.closeloop.action.plan.ActionStatus;
import io.closeloop.action.plan.CorrectiveAction;
import io.closeloop.action.plan.HistoryKind;
import io.closeloop.action.plan.Plan;
import io.closeloop.action.plan.Plans;
import io.closeloop.action.register.Control;
import io.closeloop.action.register.Controls;
import io.closeloop.action.register.GoodDirection;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A leader's weekly control pack: the corrective actions they own beside their business-as-usual controls. */
@ApplicationScoped
public class Packs {

    static final List<ActionStatus> IN_PACKS = List.of(ActionStatus.ACTIVE, ActionStatus.EMBEDDED,
            ActionStatus.LAPSED);

    private final Controls controls;
    private final Plans plans;
    private final Escalations escalations;
    private final ActionConfig config;
    private final Clock clock;

    Packs(Controls controls, Plans plans, Escalations escalations, ActionConfig config, Clock clock) {
        this.controls = controls;
        this.plans = plans;
        this.escalations = escalations;
        this.config = config;
        this.clock = clock;
    }

    public enum ItemType {
        CORRECTIVE_ACTION, CONTROL
    }

    /** One line of a pack: what to check, the indicator to record, and what was recorded if anything. */
    public record Item(ItemType type, UUID actionId, UUID planId, UUID incidentId, String controlId,
            Integer controlVersion, String site, String whatToCheck, String indicator, String unit, Double threshold,
            GoodDirection goodDirection, Double baseline, String status, ControlResult result) {
    }

    public record Result(boolean done, Double value, String exceptions) {
    }

    public IsoWeek currentWeek() {
        return IsoWeek.of(clock.instant());
    }

    public List<Item> assemble(String owner, IsoWeek week) {
        List<Item> items = new ArrayList<>();
        List<CorrectiveAction> actions = CorrectiveAction.<CorrectiveAction>list(
                "owner = ?1 and status in ?2", Sort.ascending("createdAt"), owner, IN_PACKS).stream()
                .filter(a -> EmbeddingRules.inPack(week, IsoWeek.parse(a.activeFromWeek)))
                .toList();
        if (!actions.isEmpty()) {
            Map<UUID, Plan> planById = Plan.<Plan>list("id in ?1", actions.stream().map(a -> a.planId).toList())
                    .stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
            Map<String, ControlResult> results = ControlResult.<ControlResult>list("actionId in ?1 and isoWeek = ?2",
                    actions.stream().map(a -> a.id).toList(), week.toString()).stream()
                    .collect(Collectors.toMap(r -> r.actionId + "/" + r.cycle, Function.identity()));
            for (CorrectiveAction a : actions) {
                Plan plan = planById.get(a.planId);
                ControlResult result = results.get(a.id + "/" + a.cycle);
                items.add(new Item(ItemType.CORRECTIVE_ACTION, a.id, plan.id, plan.incidentId, a.controlId, null,
                        plan.site, a.description, a.indicator, a.indicatorUnit, a.indicatorThreshold,
                        a.goodDirection, a.baseline, a.status.name(),
                        result));
            }
        }
        List<Control> monitored = controls.monitoredBy(owner).stream().filter(c -> c.frequency.dueIn(week)).toList();
        if (!monitored.isEmpty()) {
            Map<String, ControlResult> results = ControlResult.<ControlResult>list(
                    "controlId in ?1 and owner = ?2 and isoWeek = ?3", monitored.stream().map(c -> c.id).toList(),
                    owner, week.toString()).stream()
                    .collect(Collectors.toMap(r -> r.controlId, Function.identity()));
            for (Control c : monitored) {
                items.add(new Item(ItemType.CONTROL, null, null, null, c.id, c.version, String.join(",", c.sites),
                        c.name, c.indicatorName, c.indicatorUnit, c.indicatorThreshold, c.goodDirection, null,
                        c.status.name(), results.get(c.id)));
            }
        }
        return items;
    }

    /** Records the result of one of the caller's own items; a breach escalates, enough weeks in a row embed. */
    @Transactional
    public ControlResult recordForAction(String owner, IsoWeek week, UUID actionId, Result result) {
        IsoWeek current = currentWeek();
        EmbeddingRules.checkRecordable(week, current, config.lateWeeks());
        CorrectiveAction action = CorrectiveAction.<CorrectiveAction>findByIdOptional(actionId,
                LockModeType.PESSIMISTIC_WRITE).filter(a -> a.owner.equals(owner))
                .orElseThrow(() -> RuleViolation.unprocessable("You own no action " + actionId,
                        List.of(new Problem.FieldError("actionId", "not one of your actions"))));
        if (!IN_PACKS.contains(action.status)
                || !EmbeddingRules.inPack(week, IsoWeek.parse(action.activeFromWeek))) {
            throw RuleViolation.unprocessable("The action is not in your pack for " + week
                    + "; its plan must be approved first", List.of(new Problem.FieldError("actionId", "not in pack")));
        }
        if (ControlResult.count("actionId = ?1 and cycle = ?2 and isoWeek = ?3", action.id, action.cycle,
                week.toString()) > 0) {
            throw RuleViolation.conflict("A result for this item in " + week + " is already recorded");
        }
        Plan plan = Plan.findById(action.planId);
        ControlResult recorded = newResult(owner, week, plan.site, result,
                breached(result, action.indicatorThreshold, action.goodDirection));
        recorded.actionId = action.id;
        recorded.cycle = action.cycle;
        recorded.persist();
        if (recorded.breached) {
            escalations.raise(EscalationKind.THRESHOLD_BREACH, new Escalations.Subject(plan.site, owner,
                    plan.incidentId, action.id, action.controlId, week.toString()),
                    breachDetail(action.indicator, result.value(), action.indicatorThreshold, action.goodDirection));
        }
        if (week.isBefore(IsoWeek.parse(action.activeFromWeek))) {
            action.activeFromWeek = week.toString();
        }
        if (action.status == ActionStatus.LAPSED
                && EmbeddingRules.recovers(IsoWeek.of(action.lapsedAt), week, result.done())) {
            action.status = ActionStatus.EMBEDDED;
            action.recoveredWeek = week.toString();
            ActionHistory.append(action, HistoryKind.RECOVERED, week.toString(), "Results resumed in " + week
                    + " after the lapse found in " + IsoWeek.of(action.lapsedAt) + "; tracked as embedded again",
                    owner, clock.instant());
        }
        if (action.status == ActionStatus.ACTIVE) {
            Optional<IsoWeek> embedded = EmbeddingRules.embeddedAt(doneWeeks(action), config.embeddingWeeks());
            if (embedded.isPresent()) {
                action.status = ActionStatus.EMBEDDED;
                action.embeddedWeek = embedded.get().toString();
                action.embeddedAt = clock.instant();
                plans.embedIfComplete(plan);
            }
        }
        return recorded;
    }

    @Transactional
    public ControlResult recordForControl(String owner, IsoWeek week, String controlId, Result result) {
        EmbeddingRules.checkRecordable(week, currentWeek(), config.lateWeeks());
        Control control = controls.monitoredBy(owner).stream().filter(c -> c.id.equals(controlId)).findFirst()
                .filter(c -> c.frequency.dueIn(week))
                .orElseThrow(() -> RuleViolation.unprocessable("Control " + controlId + " is not in your pack for "
                        + week, List.of(new Problem.FieldError("controlId", "not in pack"))));
        if (ControlResult.count("controlId = ?1 and owner = ?2 and isoWeek = ?3", controlId, owner,
                week.toString()) > 0) {
            throw RuleViolation.conflict("A result for this item in " + week + " is already recorded");
        }
        String site = control.sites.iterator().next();
        ControlResult recorded = newResult(owner, week, site, result,
                breached(result, control.indicatorThreshold, control.goodDirection));
        recorded.controlId = control.id;
        recorded.controlVersion = control.version;
        recorded.persist();
        if (recorded.breached) {
            escalations.raise(EscalationKind.THRESHOLD_BREACH, new Escalations.Subject(site, owner, null, null,
                    control.id, week.toString()),
                    breachDetail(control.indicatorName, result.value(), control.indicatorThreshold,
                            control.goodDirection));
        }
        return recorded;
    }

    /** The weeks in which the action's check was done, in its current cycle: only these count. */
    public static List<IsoWeek> doneWeeks(CorrectiveAction action) {
        return ControlResult.<ControlResult>list("actionId = ?1 and cycle = ?2 and done = true", action.id,
                action.cycle).stream().map(r -> IsoWeek.parse(r.isoWeek)).toList();
    }

    private ControlResult newResult(String owner, IsoWeek week, String site, Result result, boolean breached) {
        ControlResult recorded = new ControlResult();
        recorded.id = UUID.randomUUID();
        recorded.owner = owner;
        recorded.isoWeek = week.toString();
        recorded.site = site;
        recorded.done = result.done();
        recorded.value = result.value();
        recorded.exceptions = result.exceptions();
        recorded.breached = breached;
        recorded.recordedBy = owner;
        recorded.recordedAt = clock.instant();
        return recorded;
    }

    private static boolean breached(Result result, Double threshold, GoodDirection direction) {
        return result.value() != null && threshold != null && direction != null
                && direction.breached(result.value(), threshold);
    }

    private static String breachDetail(String indicator, Double value, Double threshold, GoodDirection direction) {
        return "%s at %s is past its threshold %s (good direction %s)".formatted(indicator, value, threshold,
                direction);
    }
}
