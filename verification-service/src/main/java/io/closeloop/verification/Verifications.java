package io.closeloop.verification;

import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.IncidentClosed;
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

@ApplicationScoped
public class Verifications {

    private final Outbox outbox;
    private final Clock clock;

    Verifications(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public record NewCheck(UUID controlFailureId, CheckMethod method, String criterion, double passThreshold,
            int passed, int failed) {
    }

    /** Each embedding of an incident's actions opens a new verification cycle. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(ActionsEmbedded embedded) {
        Verification verification = new Verification();
        verification.id = UUID.randomUUID();
        verification.incidentId = embedded.incidentId();
        verification.site = embedded.site();
        verification.planId = embedded.planId();
        verification.status = VerificationStatus.OPEN;
        verification.openedAt = clock.instant();
        for (ActionsEmbedded.EmbeddedAction action : embedded.actions()) {
            Target target = new Target();
            target.id = UUID.randomUUID();
            target.controlFailureId = action.controlFailureId();
            target.controlName = action.controlName();
            target.owner = action.owner();
            target.action = action.description();
            target.indicator = action.indicator();
            target.baseline = action.baseline();
            verification.targets.add(target);
        }
        verification.persist();
    }

    @Transactional
    public Check record(UUID id, SiteScope scope, String verifier, NewCheck request) {
        Verification verification = visible(id, scope);
        ClosureRules.checkOpen(verification.status);
        List<Target> targets = verification.targets.stream()
                .filter(t -> t.controlFailureId.equals(request.controlFailureId()))
                .toList();
        if (targets.isEmpty()) {
            throw RuleViolation.unprocessable("Not a control failure under test in this verification",
                    List.of(new Problem.FieldError("controlFailureId", "not under test here")));
        }
        targets.forEach(t -> ClosureRules.checkIndependentVerifier(verifier, t.owner));
        Check check = new Check();
        check.id = UUID.randomUUID();
        check.controlFailureId = request.controlFailureId();
        check.method = request.method();
        check.criterion = request.criterion();
        check.passThreshold = request.passThreshold();
        check.passed = request.passed();
        check.failed = request.failed();
        check.lowerBound = Evidence.wilsonLowerBound(request.passed(), request.passed() + request.failed());
        check.outcome = Evidence.judge(request.passed(), request.failed(), request.passThreshold());
        check.verifier = verifier;
        check.recordedAt = clock.instant();
        verification.checks.add(check);
        return check;
    }

    @Transactional
    public Verification close(UUID id, SiteScope scope, String signer, String rationale) {
        Verification verification = visible(id, scope);
        ClosureRules.checkOpen(verification.status);
        ClosureRules.checkIndependentSignOff(signer, verification.targets.stream().map(t -> t.owner).toList());
        Map<UUID, Outcome> latest = verification.checks.stream()
                .collect(Collectors.toMap(c -> c.controlFailureId, c -> c.outcome, (earlier, later) -> later));
        List<String> reasons = ClosureRules.reasonsNotToClose(
                verification.targets.stream().map(t -> t.controlFailureId).collect(Collectors.toSet()), latest);
        if (!reasons.isEmpty()) {
            throw RuleViolation.unprocessable("The incident cannot close: " + String.join("; ", reasons));
        }
        decide(verification, VerificationStatus.CLOSED, signer, rationale);
        outbox.publish(Topics.INCIDENTS_CLOSED, verification.incidentId.toString(), new IncidentClosed(
                verification.incidentId, verification.site, verification.id, signer, rationale,
                verification.decidedAt));
        return verification;
    }

    @Transactional
    public Verification reject(UUID id, SiteScope scope, String reviewer, List<String> reasons) {
        Verification verification = visible(id, scope);
        ClosureRules.checkOpen(verification.status);
        decide(verification, VerificationStatus.REJECTED, reviewer, String.join("\n", reasons));
        outbox.publish(Topics.VERIFICATION_FAILED, verification.incidentId.toString(), new VerificationFailed(
                verification.incidentId, verification.site, verification.id, reviewer, reasons,
                verification.decidedAt));
        return verification;
    }

    private void decide(Verification verification, VerificationStatus status, String who, String decision) {
        verification.status = status;
        verification.decidedBy = who;
        verification.decidedAt = clock.instant();
        verification.decision = decision;
    }

    public Verification visible(UUID id, SiteScope scope) {
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("id", id);
        return Verification.<Verification>find("id = :id and " + scope.condition("site"), params)
                .firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No verification " + id));
    }

    public Page<Verification> list(SiteScope scope, UUID incidentId, VerificationStatus status, int index, int size) {
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
        var found = Verification.<Verification>find(query.toString(), Sort.descending("openedAt").and("id"), params)
                .page(index, size);
        return new Page<>(found.list(), index, size, found.count());
    }
}
