package io.closeloop.accountability;

import io.closeloop.accountability.history.HistoryAction;
import io.closeloop.accountability.history.HistoryEntry;
import io.closeloop.accountability.owner.OwnerCheck;
import io.closeloop.accountability.owner.Owners;
import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.ScopedQuery;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.IncidentReviewed;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class Accountabilities {

    /** The actor of steps nobody took by hand: owner checks, escalations. */
    public static final String SYSTEM = "system";

    private final Outbox outbox;
    private final Clock clock;
    private final AccountabilityConfig config;
    private final Owners owners;

    Accountabilities(Outbox outbox, Clock clock, AccountabilityConfig config, Owners owners) {
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.owners = owners;
    }

    public record Expectation(String whatWillChange, String indicator, String target, LocalDate byWhen) {
    }

    /** Filters of a list; null means any. */
    public record Filter(String owner, UUID incidentId, AccountabilityStatus status, String site, Boolean overdue) {
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** One accountability per control failure of an approved review, held by the named owner if Keycloak agrees. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(IncidentReviewed review) {
        Instant now = clock.instant();
        for (IncidentReviewed.ControlFailure failure : review.controlFailures()) {
            if (Accountability.count("controlFailureId", failure.controlFailureId()) > 0) {
                continue;
            }
            Accountability a = new Accountability();
            a.id = UUID.randomUUID();
            a.incidentId = review.incidentId();
            a.site = review.site();
            a.controlFailureId = failure.controlFailureId();
            a.controlId = failure.controlId();
            a.controlName = failure.controlName();
            a.failureMode = failure.failureMode();
            a.evidence = failure.evidence();
            a.nominatedOwner = failure.owner();
            a.reviewedAt = review.approvedAt();
            a.openedAt = now;
            a.term = 1;
            a.escalation = EscalationLevel.NONE;
            a.dueOn = dueFrom(now);
            OwnerCheck.Verdict verdict = owners.check(failure.owner(), review.site());
            if (verdict instanceof OwnerCheck.Accepted accepted) {
                a.owner = accepted.username();
                a.ownerId = accepted.id();
                a.status = AccountabilityStatus.OPEN;
            } else {
                a.ownerProblem = ((OwnerCheck.Refused) verdict).reason();
                a.status = AccountabilityStatus.UNASSIGNED;
            }
            a.persist();
            HistoryEntry.append(a.id, now, review.approvedBy(), HistoryAction.OPENED, null, "Review " + review.reviewId()
                    + " by " + review.reviewer() + ", approved by " + review.approvedBy() + ", names "
                    + failure.owner());
            if (a.owner != null) {
                HistoryEntry.append(a.id, now, review.approvedBy(), HistoryAction.ASSIGNED, a.owner,
                        "Named in the approved review; checked in Keycloak");
            } else {
                HistoryEntry.append(a.id, now, SYSTEM, HistoryAction.OWNER_REFUSED, null, a.ownerProblem);
            }
        }
    }

    @Transactional
    public Accountability acknowledge(UUID id, SiteScope scope, String caller, Expectation expectation) {
        Accountability a = locked(id, scope);
        AccountabilityRules.checkAcknowledgement(a.status, a.owner, caller, expectation.byWhen(), today());
        Instant now = clock.instant();
        a.status = AccountabilityStatus.ACKNOWLEDGED;
        a.whatWillChange = expectation.whatWillChange();
        a.indicator = expectation.indicator();
        a.target = expectation.target();
        a.byWhen = expectation.byWhen();
        a.acknowledgedAt = now;
        HistoryEntry.append(a.id, now, caller, HistoryAction.ACKNOWLEDGED, a.owner, "Will change: "
                + a.whatWillChange + "; measured by: " + a.indicator + ", target " + a.target + ", by " + a.byWhen);
        List<Accountability> incident = Accountability.list("incidentId", a.incidentId);
        if (AccountabilityRules.complete(incident.stream().map(x -> x.status).toList())) {
            outbox.publish(Topics.ACCOUNTABILITY_ASSIGNED, a.incidentId.toString(), new AccountabilityAssigned(
                    a.incidentId, a.site,
                    incident.stream().map(x -> new AccountabilityAssigned.Commitment(x.controlFailureId, x.controlId,
                            x.controlName, x.owner, x.whatWillChange, x.indicator, x.target, x.byWhen)).toList(),
                    now));
        }
        return a;
    }

    @Transactional
    public Accountability dispute(UUID id, SiteScope scope, String caller, String reason) {
        Accountability a = locked(id, scope);
        AccountabilityRules.checkOwnersAnswer(a.status, a.owner, caller);
        a.status = AccountabilityStatus.DISPUTED;
        a.disputeReason = reason;
        a.disputedAt = clock.instant();
        HistoryEntry.append(a.id, a.disputedAt, caller, HistoryAction.DISPUTED, a.owner, reason);
        return a;
    }

    /** A senior leader names the owner of an UNASSIGNED or DISPUTED accountability (the same owner confirms). */
    @Transactional
    public Accountability assign(UUID id, SiteScope scope, String caller, String username, String note) {
        Accountability a = locked(id, scope);
        // Keycloak keeps usernames in lower case, so this is the name an accepted owner is stored under.
        String requested = username.toLowerCase(Locale.ROOT);
        AccountabilityRules.checkResolver(a.status, a.owner, caller);
        HistoryAction action = AccountabilityRules.assignment(a.status, a.owner, requested);
        OwnerCheck.Verdict verdict = owners.check(requested, a.site);
        if (verdict instanceof OwnerCheck.Refused refused) {
            throw RuleViolation.unprocessable(refused.reason(),
                    List.of(new Problem.FieldError("owner", refused.reason())));
        }
        OwnerCheck.Accepted accepted = (OwnerCheck.Accepted) verdict;
        Instant now = clock.instant();
        String detail = a.status == AccountabilityStatus.DISPUTED
                ? "Dispute by " + a.owner + " (" + a.disputeReason + ") answered" + (note == null ? "" : ": " + note)
                : note;
        a.owner = accepted.username();
        a.ownerId = accepted.id();
        a.ownerProblem = null;
        a.disputeReason = null;
        a.disputedAt = null;
        a.status = AccountabilityStatus.OPEN;
        a.term++;
        a.escalation = EscalationLevel.NONE;
        a.dueOn = dueFrom(now);
        HistoryEntry.append(a.id, now, caller, action, a.owner, detail);
        return a;
    }

    /** A senior leader keeps the disputing owner. */
    @Transactional
    public Accountability confirm(UUID id, SiteScope scope, String caller, String note) {
        Accountability a = locked(id, scope);
        if (a.status != AccountabilityStatus.DISPUTED) {
            throw RuleViolation.conflict("Only a DISPUTED accountability is confirmed; this one is " + a.status);
        }
        return assign(id, scope, caller, a.owner, note);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void discharge(IncidentClosed closed) {
        Instant now = clock.instant();
        for (Accountability a : Accountability.<Accountability>list("incidentId", closed.incidentId())) {
            if (a.status == AccountabilityStatus.DISCHARGED) {
                continue;
            }
            a.status = AccountabilityStatus.DISCHARGED;
            HistoryEntry.append(a.id, now, closed.closedBy(), HistoryAction.DISCHARGED, a.owner,
                    "Incident closed on verified improvement: " + closed.rationale());
        }
    }

    private LocalDate dueFrom(Instant now) {
        return AccountabilityRules.addWorkingDays(LocalDate.ofInstant(now, clock.getZone()),
                config.acknowledgeWithinWorkingDays());
    }

    public Accountability visible(UUID id, SiteScope scope) {
        return scoped(id, scope).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No accountability " + id));
    }

    /** For a change: concurrent answers to the same accountability queue up instead of overwriting each other. */
    private Accountability locked(UUID id, SiteScope scope) {
        return scoped(id, scope).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No accountability " + id));
    }

    private static PanacheQuery<Accountability> scoped(UUID id, SiteScope scope) {
        var query = ScopedQuery.within(scope).equal("id", id);
        return Accountability.find(query.where(), query.parameters());
    }

    public Page<Accountability> list(SiteScope scope, Filter filter, int index, int size) {
        var query = ScopedQuery.within(scope)
                .equal("owner", filter.owner())
                .equal("incidentId", filter.incidentId())
                .equal("status", filter.status())
                .equal("site", filter.site());
        if (filter.overdue() != null) {
            query.and(filter.overdue() ? "status in :pending and dueOn < :today"
                    : "(status not in :pending or dueOn >= :today)")
                    .bind("pending", AccountabilityStatus.PENDING)
                    .bind("today", today());
        }
        var found = Accountability.<Accountability>find(query.where(), Sort.ascending("dueOn").and("id"),
                query.parameters()).page(index, size);
        return new Page<>(found.list(), index, size, found.count());
    }
}
