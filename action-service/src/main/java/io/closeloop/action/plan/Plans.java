package io.closeloop.action;

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
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

@ApplicationScoped
public class Plans {

    private static final Logger LOG = Logger.getLogger(Plans.class);

    private final Outbox outbox;
    private final Clock clock;

    Plans(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public record NewAction(UUID controlFailureId, ActionKind kind, String description, String indicator,
            Double baseline) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void open(AccountabilityAssigned assigned) {
        Plan plan = new Plan();
        plan.id = UUID.randomUUID();
        plan.incidentId = assigned.incidentId();
        plan.site = assigned.site();
        plan.status = PlanStatus.OPEN;
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
        Plan plan = visible(planId, scope);
        PlanRules.checkChangeable(plan.status);
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
        action.description = request.description();
        action.indicator = request.indicator() != null ? request.indicator() : commitment.indicator;
        action.baseline = request.baseline();
        action.status = ActionStatus.PLANNED;
        action.createdAt = clock.instant();
        plan.actions.add(action);
        if (plan.status == PlanStatus.REOPENED) {
            plan.status = PlanStatus.OPEN;
        }
        return action;
    }

    @Transactional
    public Plan embed(UUID planId, UUID actionId, SiteScope scope, String caller) {
        Plan plan = visible(planId, scope);
        PlanRules.checkChangeable(plan.status);
        CorrectiveAction action = plan.actions.stream().filter(a -> a.id.equals(actionId)).findFirst()
                .orElseThrow(() -> new NotFoundException("No action " + actionId + " in plan " + planId));
        PlanRules.checkOwner(action.owner, caller);
        action.status = ActionStatus.EMBEDDED;
        action.embeddedAt = clock.instant();
        var failures = plan.commitments.stream().map(c -> c.controlFailureId).collect(Collectors.toSet());
        var states = plan.actions.stream().map(a -> new PlanRules.ActionState(a.controlFailureId, a.status)).toList();
        if (PlanRules.fullyEmbedded(failures, states)) {
            plan.status = PlanStatus.EMBEDDED;
            Map<UUID, String> names = plan.commitments.stream()
                    .collect(Collectors.toMap(c -> c.controlFailureId, c -> c.controlName));
            outbox.publish(Topics.ACTIONS_EMBEDDED, plan.incidentId.toString(), new ActionsEmbedded(plan.incidentId,
                    plan.site, plan.id,
                    plan.actions.stream().map(a -> new ActionsEmbedded.EmbeddedAction(a.id, a.controlFailureId,
                            names.get(a.controlFailureId), a.owner, a.description, a.indicator, a.baseline,
                            List.of())).toList(),
                    clock.instant()));
        }
        return plan;
    }

    /** Verification found no improvement: the plan goes back to its owners and every action must embed again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reopen(VerificationFailed failed) {
        Plan plan = Plan.<Plan>find("incidentId", failed.incidentId()).firstResult();
        if (plan == null) {
            LOG.warnf("Verification of incident %s failed, but it has no plan here", failed.incidentId());
            return;
        }
        plan.status = PlanStatus.REOPENED;
        plan.reopenReasons = String.join("\n", failed.reasons());
        plan.actions.forEach(a -> {
            a.status = ActionStatus.PLANNED;
            a.embeddedAt = null;
        });
    }

    public Plan visible(UUID id, SiteScope scope) {
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("id", id);
        return Plan.<Plan>find("id = :id and " + scope.condition("site"), params).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No plan " + id));
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
}
