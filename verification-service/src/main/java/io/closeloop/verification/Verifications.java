package io.closeloop.verification;

import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.ScopedQuery;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.VerificationFailed;
import io.closeloop.verification.history.History;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class Verifications {

    private final Outbox outbox;
    private final History history;
    private final Clock clock;

    Verifications(Outbox outbox, History history, Clock clock) {
        this.outbox = outbox;
        this.history = history;
        this.clock = clock;
    }

    public record NewResult(String reference, boolean passed, String notes, String evidenceSource,
            String evidenceLocator, LocalDate evidenceCapturedOn) {
    }

    /** Each embedding of an incident's actions opens a new verification cycle. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(ActionsEmbedded embedded) {
        Verification verification = newCycle(embedded.incidentId(), embedded.site(), embedded.planId(),
                OpenedBecause.EMBEDDED);
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
        history.record(verification, History.SYSTEM, "OPENED", String.format(Locale.ROOT,
                "Cycle %d opened: stage 3 embedded %d action(s) of plan %s", verification.cycle,
                embedded.actions().size(), embedded.planId()));
    }

    /** A challenged closure is verified again: the same controls, a new cycle, new checks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Verification reopenAfterChallenge(Verification closed, UUID repeatIncidentId) {
        Verification verification = newCycle(closed.incidentId, closed.site, closed.planId, OpenedBecause.CHALLENGED);
        for (Target old : closed.targets) {
            Target target = new Target();
            target.id = UUID.randomUUID();
            target.controlFailureId = old.controlFailureId;
            target.controlName = old.controlName;
            target.owner = old.owner;
            target.action = old.action;
            target.indicator = old.indicator;
            target.baseline = old.baseline;
            verification.targets.add(target);
        }
        verification.persist();
        history.record(verification, History.SYSTEM, "OPENED", String.format(Locale.ROOT,
                "Cycle %d opened: repeat incident %s challenged the closure of cycle %d", verification.cycle,
                repeatIncidentId, closed.cycle));
        return verification;
    }

    private Verification newCycle(UUID incidentId, String site, UUID planId, OpenedBecause because) {
        Verification previous = Verification.<Verification>find("incidentId", Sort.descending("cycle"), incidentId)
                .firstResult();
        Verification verification = new Verification();
        verification.id = UUID.randomUUID();
        verification.incidentId = incidentId;
        verification.site = site;
        verification.planId = planId;
        verification.status = VerificationStatus.OPEN;
        verification.openedAt = clock.instant();
        verification.cycle = previous == null ? 1 : previous.cycle + 1;
        verification.previousVerificationId = previous == null ? null : previous.id;
        verification.openedBecause = because;
        return verification;
    }

    /** Plans a check: its criteria are fixed now, before any result. It may replace an unfinished check. */
    @Transactional
    public Check plan(UUID id, SiteScope scope, String verifier, UUID controlFailureId, Criteria criteria,
            UUID supersedes) {
        Verification verification = visibleForUpdate(id, scope);
        ClosureRules.checkOpen(verification.status);
        Target target = independentTarget(verification, controlFailureId, verifier);
        CheckRules.Plan plan = CheckRules.plan(criteria, target.baseline);
        Check check = new Check();
        check.id = UUID.randomUUID();
        check.controlFailureId = controlFailureId;
        check.apply(plan);
        check.plannedBy = verifier;
        check.plannedAt = clock.instant();
        if (supersedes != null) {
            Check old = check(verification, supersedes);
            if (!old.controlFailureId.equals(controlFailureId)) {
                throw RuleViolation.unprocessable("A check is replaced by a check of the same control",
                        List.of(new Problem.FieldError("supersedes", "checks another control")));
            }
            CheckRules.checkSupersedable(old.tally(), old.superseded());
            old.supersededBy = check.id;
            old.supersededAt = check.plannedAt;
            history.record(verification, verifier, "CHECK_SUPERSEDED", "Check " + old.id + " superseded by " + check.id);
        }
        verification.checks.add(check);
        history.record(verification, verifier, "CHECK_PLANNED", "Check " + check.id + " of "
                + target.controlName + " planned: " + describe(check));
        return check;
    }

    /** Criteria may change only while no result is recorded against them. */
    @Transactional
    public Check edit(UUID id, UUID checkId, SiteScope scope, String verifier, Criteria criteria) {
        Verification verification = visibleForUpdate(id, scope);
        ClosureRules.checkOpen(verification.status);
        Check check = check(verification, checkId);
        if (check.superseded()) {
            throw RuleViolation.conflict("The check is superseded");
        }
        CheckRules.checkEditable(check.results.size());
        Target target = independentTarget(verification, check.controlFailureId, verifier);
        String before = describe(check);
        check.apply(CheckRules.plan(criteria, target.baseline));
        history.record(verification, verifier, "CRITERIA_EDITED", "Check " + check.id + " criteria changed before "
                + "any result, from [" + before + "] to [" + describe(check) + "]");
        return check;
    }

    @Transactional
    public Check record(UUID id, UUID checkId, SiteScope scope, String verifier, List<NewResult> results) {
        Verification verification = visibleForUpdate(id, scope);
        ClosureRules.checkOpen(verification.status);
        Check check = check(verification, checkId);
        independentTarget(verification, check.controlFailureId, verifier);
        Set<String> references = new HashSet<>();
        check.results.forEach(r -> references.add(r.reference));
        long duplicates = results.stream().filter(r -> !references.add(r.reference())).count();
        CheckRules.checkRecordable(check.superseded(), check.tally(), results.size(), duplicates);
        for (NewResult r : results) {
            CheckResult result = new CheckResult();
            result.id = UUID.randomUUID();
            result.reference = r.reference();
            result.passed = r.passed();
            result.notes = r.notes();
            result.evidenceSource = r.evidenceSource();
            result.evidenceLocator = r.evidenceLocator();
            result.evidenceCapturedOn = r.evidenceCapturedOn();
            result.recordedBy = verifier;
            result.recordedAt = clock.instant();
            check.results.add(result);
        }
        long passed = results.stream().filter(NewResult::passed).count();
        Tally tally = check.tally();
        history.record(verification, verifier, "RESULTS_RECORDED", String.format(Locale.ROOT,
                "Check %s: %d result(s) recorded, %d passed; %d of %d planned", check.id, results.size(), passed,
                tally.recorded(), tally.planned()));
        if (tally.verdict() != Verdict.PENDING) {
            history.record(verification, verifier, "CHECK_" + tally.verdict(), String.format(Locale.ROOT,
                    "Check %s %s: %d of %d passed (%.1f%%), Wilson 95%% lower bound %.3f against threshold %.3f",
                    check.id, tally.verdict(), tally.passed(), tally.recorded(), 100 * tally.passRate(),
                    tally.lowerBound(), tally.threshold()));
        }
        return check;
    }

    @Transactional
    public Verification close(UUID id, SiteScope scope, String signer, String rationale) {
        Verification verification = visibleForUpdate(id, scope);
        ClosureRules.checkOpen(verification.status);
        List<String> reasons = reasonsNotToClose(verification, signer);
        if (!reasons.isEmpty()) {
            throw RuleViolation.unprocessable("The incident cannot close: " + String.join("; ", reasons),
                    reasons.stream().map(r -> new Problem.FieldError("closure", r)).toList());
        }
        decide(verification, VerificationStatus.CLOSED, signer, rationale);
        history.record(verification, signer, "CLOSED", "Closure signed off: " + rationale);
        outbox.publish(Topics.INCIDENTS_CLOSED, verification.incidentId.toString(), new IncidentClosed(
                verification.incidentId, verification.site, verification.id, signer, rationale,
                verification.decidedAt));
        return verification;
    }

    @Transactional
    public Verification reject(UUID id, SiteScope scope, String reviewer, List<String> reasons) {
        Verification verification = visibleForUpdate(id, scope);
        ClosureRules.checkOpen(verification.status);
        decide(verification, VerificationStatus.REJECTED, reviewer, String.join("\n", reasons));
        history.record(verification, reviewer, "REJECTED", "Verification rejected, back to stage 3: "
                + String.join("; ", reasons));
        outbox.publish(Topics.VERIFICATION_FAILED, verification.incidentId.toString(), new VerificationFailed(
                verification.incidentId, verification.site, verification.id, reviewer, reasons,
                verification.decidedAt));
        return verification;
    }

    /** Why this verification cannot close now; for a would-be signer, also whether they may sign. */
    public static List<String> reasonsNotToClose(Verification verification, String signer) {
        return ClosureRules.reasonsNotToClose(signer,
                verification.targets.stream()
                        .map(t -> new ClosureRules.TargetState(t.controlFailureId, t.controlName, t.owner)).toList(),
                verification.checks.stream()
                        .map(c -> new ClosureRules.CheckState(c.id, c.controlFailureId, c.method, c.superseded(),
                                c.tally()))
                        .toList());
    }

    private void decide(Verification verification, VerificationStatus status, String who, String decision) {
        verification.status = status;
        verification.decidedBy = who;
        verification.decidedAt = clock.instant();
        verification.decision = decision;
    }

    private static Target independentTarget(Verification verification, UUID controlFailureId, String verifier) {
        List<Target> targets = verification.targets.stream()
                .filter(t -> t.controlFailureId.equals(controlFailureId))
                .toList();
        if (targets.isEmpty()) {
            throw RuleViolation.unprocessable("Not a control failure under test in this verification",
                    List.of(new Problem.FieldError("controlFailureId", "not under test here")));
        }
        targets.forEach(t -> ClosureRules.checkIndependentVerifier(verifier, t.owner));
        return targets.get(0);
    }

    public static Check check(Verification verification, UUID checkId) {
        return verification.checks.stream().filter(c -> c.id.equals(checkId)).findFirst()
                .orElseThrow(() -> new NotFoundException("No check " + checkId + " in verification "
                        + verification.id));
    }

    private static String describe(Check c) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s, %d %s, criterion \"%s\", threshold %.3f",
                c.method, c.plannedCount, c.method == CheckMethod.OBSERVE ? "observation(s)" : "case(s)",
                c.criterion, c.passThreshold));
        if (c.periodStart != null) {
            s.append(", period ").append(c.periodStart).append(" to ").append(c.periodEnd);
        }
        if (!c.checklist.isEmpty()) {
            s.append(", checklist ").append(String.join(" | ", c.checklist));
        }
        if (c.baseline != null) {
            s.append(String.format(Locale.ROOT, ", baseline %.3f + required improvement %.3f", c.baseline,
                    c.requiredImprovement));
        }
        return s.toString();
    }

    public Verification visible(UUID id, SiteScope scope) {
        return find(id, scope, LockModeType.NONE);
    }

    /** Writes to one verification queue behind each other, so a plan never takes more results than it holds. */
    private Verification visibleForUpdate(UUID id, SiteScope scope) {
        return find(id, scope, LockModeType.PESSIMISTIC_WRITE);
    }

    private Verification find(UUID id, SiteScope scope, LockModeType lock) {
        var query = ScopedQuery.within(scope).equal("id", id);
        return Verification.<Verification>find(query.where(), query.parameters())
                .withLock(lock)
                .firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No verification " + id));
    }

    public Page<Verification> list(SiteScope scope, UUID incidentId, VerificationStatus status, Boolean challenged,
            int index, int size) {
        var query = ScopedQuery.within(scope)
                .equal("incidentId", incidentId)
                .equal("status", status);
        if (challenged != null) {
            query.and(challenged ? "challengedAt is not null" : "challengedAt is null");
        }
        var found = Verification.<Verification>find(query.where(), Sort.descending("openedAt").and("id"),
                query.parameters()).page(index, size);
        return new Page<>(found.list(), index, size, found.count());
    }

    public List<Verification> ofIncident(SiteScope scope, UUID incidentId) {
        var query = ScopedQuery.within(scope).equal("incidentId", incidentId);
        return Verification.list(query.where(), Sort.ascending("cycle"), query.parameters());
    }
}
