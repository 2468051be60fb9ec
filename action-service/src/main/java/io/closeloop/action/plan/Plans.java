package io.closeloop.action.plan;

import io.closeloop.action.ActionConfig;
import io.closeloop.action.IsoWeek;
import io.closeloop.action.pack.ControlResult;
import io.closeloop.action.register.Control;
import io.closeloop.action.register.ControlType;
import io.closeloop.action.register.Controls;
import io.closeloop.action.register.Frequency;
import io.closeloop.action.register.GoodDirection;
import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.VerificationFailed;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

@ApplicationScoped
public class Plans {

    private static final Logger LOG = Logger.getLogger(Plans.class);

    private final Outbox outbox;
    private final Controls controls;
    private final ActionConfig config;
    private final Clock clock;

    Plans(Outbox outbox, Controls controls, ActionConfig config, Clock clock) {
        this.outbox = outbox;
        this.controls = controls;
        this.config = config;
        this.clock = clock;
    }

    public record NewAction(UUID controlFailureId, ActionKind kind, ActionType actionType, String description,
            String controlId, String indicator, String indicatorUnit, Double indicatorThreshold,
            GoodDirection goodDirection, Double baseline, LocalDate dueOn, Strength strength,
            String strengthJustification, String controlName, ControlType controlType, Frequency frequency) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void open(AccountabilityAssigned assigned) {
        Plan plan = new Plan();
        plan.id = UUID.randomUUID();
        plan.incidentId = assigned.incidentId();
        plan.site = assigned.site();
        plan.status = PlanStatus.DRAFT;
        plan.openedAt = clock.instant();
        for (AccountabilityAssigned.Commitment c : assigned.commitments()) {
            Commitment commitment = new Commitment();
            commitment.id = UUID.randomUUID();
            commitment.controlFailureId = c.controlFailureId();
            commitment.controlId = c.controlId();
            commitment.controlName = c.controlName();
            commitment.owner = c.owner();
            commitment.whatWillChange = c.whatWillChange();
            commitment.indicator = c.indicator();
            commitment.target = c.target();
            commitment.byWhen = c.byWhen();
            plan.commitments.add(commitment);
        }
        plan.persist();
    }

    @Transactional
    public CorrectiveAction addAction(UUID planId, SiteScope scope, String caller, NewAction request) {
        Plan plan = locked(planId, scope);
        PlanRules.checkEditable(plan.status);
        Commitment commitment = plan.commitments.stream()
                .filter(c -> c.controlFailureId.equals(request.controlFailureId()))
                .findFirst()
                .orElseThrow(() -> RuleViolation.unprocessable("The plan has no such control failure",
                        List.of(new Problem.FieldError("controlFailureId", "not a control failure of this plan"))));
        PlanRules.checkOwner(commitment.owner, caller);
        CorrectiveAction action = new CorrectiveAction();
        action.id = UUID.randomUUID();
        action.controlFailureId = commitment.controlFailureId;
        action.owner = commitment.owner;
        action.kind = request.kind();
        action.actionType = request.actionType();
        action.derivedStrength = StrengthRules.derive(request.kind(), request.actionType());
        action.strength = StrengthRules.decide(request.kind(), request.actionType(), request.strength(),
                request.strengthJustification());
        action.strengthJustification = action.strength == action.derivedStrength ? null
                : request.strengthJustification();
        action.description = request.description();
        Optional<Control> control = control(request, commitment);
        action.controlId = control.map(c -> c.id).orElse(request.controlId());
        if (request.kind() == ActionKind.NEW_CONTROL && action.controlId == null) {
            action.controlId = "CTRL-" + plan.site.toUpperCase(Locale.ROOT) + "-"
                    + action.id.toString().substring(0, 8).toUpperCase(Locale.ROOT);
        }
        action.controlName = request.controlName();
        action.controlType = request.controlType();
        action.frequency = request.frequency();
        action.indicator = firstOf(request.indicator(), control.map(c -> c.indicatorName).orElse(null),
                commitment.indicator);
        action.indicatorUnit = firstOf(request.indicatorUnit(), control.map(c -> c.indicatorUnit).orElse(null));
        action.indicatorThreshold = request.indicatorThreshold() != null ? request.indicatorThreshold()
                : control.map(c -> c.indicatorThreshold).orElse(null);
        action.goodDirection = request.goodDirection() != null ? request.goodDirection()
                : control.map(c -> c.goodDirection).orElse(null);
        action.baseline = request.baseline();
        action.dueOn = request.dueOn();
        action.status = ActionStatus.PLANNED;
        action.cycle = 1;
        action.createdAt = clock.instant();
        RegisterChanges.check(action.registerSpec(), request.kind() == ActionKind.NEW_CONTROL
                ? controls.find(action.controlId).isPresent() : control.isPresent());
        plan.actions.add(action);
        plan.returnedReason = null;
        return action;
    }

    @Transactional
    public Plan removeAction(UUID planId, UUID actionId, SiteScope scope, String caller) {
        Plan plan = locked(planId, scope);
        PlanRules.checkEditable(plan.status);
        CorrectiveAction action = action(plan, actionId);
        PlanRules.checkOwner(action.owner, caller);
        if (ControlResult.count("actionId", action.id) > 0) {
            throw RuleViolation.conflict("The action has weekly results; it stays on record");
        }
        plan.actions.remove(action);
        action.delete();
        return plan;
    }

    /** A senior leader lets a plan of weak actions only go forward, and says why. */
    @Transactional
    public Plan allowWeakOnly(UUID planId, SiteScope scope, String caller, String reason) {
        Plan plan = locked(planId, scope);
        PlanRules.checkEditable(plan.status);
        plan.weakOnlyExceptionBy = caller;
        plan.weakOnlyExceptionReason = reason;
        plan.weakOnlyExceptionAt = clock.instant();
        return plan;
    }

    @Transactional
    public Plan submit(UUID planId, SiteScope scope, String caller) {
        Plan plan = locked(planId, scope);
        if (plan.commitments.stream().noneMatch(c -> c.owner.equals(caller))) {
            throw RuleViolation.unprocessable("Only an owner of the plan's control failures submits it");
        }
        PlanRules.checkSubmittable(plan.status, failures(plan), states(plan), plan.weakOnlyExceptionBy != null);
        plan.status = PlanStatus.SUBMITTED;
        plan.submittedBy = caller;
        plan.submittedAt = clock.instant();
        plan.returnedReason = null;
        return plan;
    }

    /**
     * Approval puts every action into its owner's weekly control pack from this week on, and makes each action's
     * register change (a new, changed or retired control) in the same transaction. An action changes the register
     * once: approving the plan again after a reopening leaves its earlier change as it is.
     */
    @Transactional
    public Plan approve(UUID planId, SiteScope scope, String caller) {
        Plan plan = locked(planId, scope);
        PlanRules.checkApprovable(plan.status, owners(plan), caller);
        plan.status = PlanStatus.APPROVED;
        plan.approvedBy = caller;
        plan.approvedAt = clock.instant();
        String week = IsoWeek.of(plan.approvedAt).toString();
        for (CorrectiveAction a : plan.actions) {
            a.status = ActionStatus.ACTIVE;
            a.activeFromWeek = week;
            if (a.registerVersion == null) {
                changeRegister(plan, a, caller, week);
            }
        }
        return plan;
    }

    private void changeRegister(Plan plan, CorrectiveAction action, String approver, String week) {
        Controls.Spec current = action.kind == ActionKind.CHANGE_CONTROL
                ? Controls.Spec.of(controls.lock(action.controlId)) : null;
        String reason = truncate("Corrective action for incident " + plan.incidentId + ": " + action.description,
                2000);
        RegisterChanges.Change change = RegisterChanges.of(action.registerSpec(), plan.site, current);
        Control changed = switch (change) {
            case RegisterChanges.Create c -> controls.create(c.controlId(), c.spec(), reason, approver, action.id);
            case RegisterChanges.Revise r -> controls.revise(r.controlId(), r.spec(), reason, approver, action.id);
            case RegisterChanges.Retire r -> controls.retire(r.controlId(), reason, approver, action.id);
            case RegisterChanges.None n -> null;
        };
        if (changed != null) {
            action.registerVersion = changed.version;
            String what = switch (change) {
                case RegisterChanges.Create c -> "created";
                case RegisterChanges.Retire r -> "retired";
                default -> "revised";
            };
            ActionHistory.append(action, HistoryKind.REGISTER_CHANGED, week,
                    "Control " + changed.id + " " + what + " as version " + changed.version, approver,
                    plan.approvedAt);
        }
    }

    @Transactional
    public Plan returnToOwners(UUID planId, SiteScope scope, String caller, String reason) {
        Plan plan = locked(planId, scope);
        PlanRules.checkApprovable(plan.status, owners(plan), caller);
        plan.status = plan.reopenReasons == null ? PlanStatus.DRAFT : PlanStatus.REOPENED;
        plan.returnedReason = reason;
        return plan;
    }

    /**
     * Called when an action's item has been recorded: once every action is embedded, the incident moves on to
     * verification with each indicator's baseline and recent values.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void embedIfComplete(Plan plan) {
        if (plan.status != PlanStatus.APPROVED || !PlanRules.fullyEmbedded(failures(plan), states(plan))) {
            return;
        }
        plan.status = PlanStatus.EMBEDDED;
        plan.embeddedAt = clock.instant();
        Map<UUID, String> names = plan.commitments.stream()
                .collect(Collectors.toMap(c -> c.controlFailureId, c -> c.controlName));
        outbox.publish(Topics.ACTIONS_EMBEDDED, plan.incidentId.toString(), new ActionsEmbedded(plan.incidentId,
                plan.site, plan.id,
                plan.actions.stream().map(a -> new ActionsEmbedded.EmbeddedAction(a.id, a.controlFailureId,
                        names.get(a.controlFailureId), a.owner, a.description, a.indicator, a.baseline,
                        recentValues(a))).toList(),
                plan.embeddedAt));
    }

    /** Verification found no improvement: the plan goes back to its owners and every action must embed again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reopen(VerificationFailed failed) {
        Plan plan = Plan.<Plan>find("incidentId", failed.incidentId()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
        if (plan == null) {
            LOG.warnf("Verification of incident %s failed, but it has no plan here", failed.incidentId());
            return;
        }
        plan.status = PlanStatus.REOPENED;
        plan.reopenReasons = String.join("\n", failed.reasons());
        plan.submittedBy = null;
        plan.submittedAt = null;
        plan.approvedBy = null;
        plan.approvedAt = null;
        plan.embeddedAt = null;
        plan.weakOnlyExceptionBy = null;
        plan.weakOnlyExceptionReason = null;
        plan.weakOnlyExceptionAt = null;
        plan.actions.forEach(a -> {
            a.status = ActionStatus.PLANNED;
            a.cycle++;
            a.activeFromWeek = null;
            a.embeddedWeek = null;
            a.embeddedAt = null;
            a.lapsedAt = null;
            a.recoveredWeek = null;
            a.escalation = EscalationLevel.NONE;
        });
    }

    public Plan visible(UUID id, SiteScope scope) {
        return find(id, scope, false);
    }

    public Page<Plan> list(SiteScope scope, UUID incidentId, PlanStatus status, int index, int size) {
        StringBuilder query = new StringBuilder(scope.condition("site"));
        Map<String, Object> params = new HashMap<>(scope.parameters());
        if (incidentId != null) {
            query.append(" and incidentId = :incidentId");
            params.put("incidentId", incidentId);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        var found = Plan.<Plan>find(query.toString(), Sort.descending("openedAt").and("id"), params)
                .page(index, size);
        return new Page<>(found.list(), index, size, found.count());
    }

    public record StrengthReport(long plans, long weakOnlyPlans, double weakOnlyShare, long exceptionsApproved) {
    }

    /** Of the plans that got past drafting, how many rest on weak actions alone. */
    public StrengthReport strengthReport(SiteScope scope) {
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("drafts", List.of(PlanStatus.DRAFT, PlanStatus.REOPENED));
        List<Plan> plans = Plan.list(scope.condition("site") + " and status not in :drafts", params);
        long weakOnly = plans.stream()
                .filter(p -> StrengthRules.weakOnly(p.actions.stream().map(a -> a.strength).toList())).count();
        long exceptions = plans.stream().filter(p -> p.weakOnlyExceptionBy != null).count();
        return new StrengthReport(plans.size(), weakOnly, plans.isEmpty() ? 0 : (double) weakOnly / plans.size(),
                exceptions);
    }

    public static Set<String> owners(Plan plan) {
        return plan.commitments.stream().map(c -> c.owner).collect(Collectors.toSet());
    }

    /** The latest values recorded for the action in its current cycle, oldest first. */
    public List<Double> recentValues(CorrectiveAction action) {
        List<ControlResult> latest = ControlResult.<ControlResult>find(
                "actionId = ?1 and cycle = ?2 and done = true and value is not null", Sort.descending("isoWeek"),
                action.id, action.cycle).page(0, config.embeddingWeeks()).list();
        List<Double> values = new ArrayList<>(latest.stream().map(r -> r.value).toList());
        Collections.reverse(values);
        return values;
    }

    /** The register control the action works on: none for a new control, which does not exist yet. */
    private Optional<Control> control(NewAction request, Commitment commitment) {
        if (request.kind() == ActionKind.NEW_CONTROL) {
            return Optional.empty();
        }
        if (request.controlId() != null) {
            return Optional.of(controls.find(request.controlId()).orElseThrow(() -> RuleViolation.unprocessable(
                    "No control " + request.controlId() + " in the register",
                    List.of(new Problem.FieldError("controlId", "not in the register")))));
        }
        if (commitment.controlId == null) {
            return Optional.empty();
        }
        return controls.find(commitment.controlId);
    }

    private Plan locked(UUID id, SiteScope scope) {
        return find(id, scope, true);
    }

    private static Plan find(UUID id, SiteScope scope, boolean lock) {
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("id", id);
        var query = Plan.<Plan>find("id = :id and " + scope.condition("site"), params);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional().orElseThrow(() -> new NotFoundException("No plan " + id));
    }

    private static CorrectiveAction action(Plan plan, UUID actionId) {
        return plan.actions.stream().filter(a -> a.id.equals(actionId)).findFirst()
                .orElseThrow(() -> new NotFoundException("No action " + actionId + " in plan " + plan.id));
    }

    private static Set<UUID> failures(Plan plan) {
        return plan.commitments.stream().map(c -> c.controlFailureId).collect(Collectors.toSet());
    }

    private static List<PlanRules.ActionState> states(Plan plan) {
        return plan.actions.stream().map(a -> new PlanRules.ActionState(a.controlFailureId, a.status, a.strength))
                .toList();
    }

    public List<ActionHistory> history(UUID planId, SiteScope scope) {
        find(planId, scope, false);
        return ActionHistory.list("planId", Sort.ascending("seq"), planId);
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
