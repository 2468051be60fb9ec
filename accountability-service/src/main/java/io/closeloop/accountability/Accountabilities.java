package io.closeloop.accountability;

import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.IncidentReviewed;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class Accountabilities {

    private final Outbox outbox;
    private final Clock clock;
    private final AccountabilityConfig config;

    Accountabilities(Outbox outbox, Clock clock, AccountabilityConfig config) {
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    public record Expectation(String whatWillChange, String indicator, String target, LocalDate byWhen) {
    }

    /** One accountability per control failure of an approved review. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(IncidentReviewed review) {
        LocalDate today = LocalDate.now(clock);
        for (IncidentReviewed.ControlFailure failure : review.controlFailures()) {
            Accountability a = new Accountability();
            a.id = UUID.randomUUID();
            a.incidentId = review.incidentId();
            a.site = review.site();
            a.controlFailureId = failure.controlFailureId();
            a.controlId = failure.controlId();
            a.controlName = failure.controlName();
            a.failureMode = failure.failureMode();
            a.evidence = failure.evidence();
            a.owner = failure.owner();
            a.status = AccountabilityStatus.OPEN;
            a.openedAt = clock.instant();
            a.dueOn = AccountabilityRules.addWorkingDays(today, config.acknowledgeWithinWorkingDays());
            a.persist();
        }
    }

    @Transactional
    public Accountability acknowledge(UUID id, SiteScope scope, String caller, Expectation expectation) {
        Accountability a = visible(id, scope);
        AccountabilityRules.checkAcknowledgement(a.status, a.owner, caller, expectation.byWhen(),
                LocalDate.now(clock));
        a.status = AccountabilityStatus.ACKNOWLEDGED;
        a.whatWillChange = expectation.whatWillChange();
        a.indicator = expectation.indicator();
        a.target = expectation.target();
        a.byWhen = expectation.byWhen();
        a.acknowledgedAt = clock.instant();
        List<Accountability> incident = Accountability.list("incidentId", a.incidentId);
        if (AccountabilityRules.complete(incident.stream().map(x -> x.status).toList())) {
            outbox.publish(Topics.ACCOUNTABILITY_ASSIGNED, a.incidentId.toString(), new AccountabilityAssigned(
                    a.incidentId, a.site,
                    incident.stream().map(x -> new AccountabilityAssigned.Commitment(x.controlFailureId, x.controlId,
                            x.controlName, x.owner, x.whatWillChange, x.indicator, x.target, x.byWhen)).toList(),
                    clock.instant()));
        }
        return a;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void discharge(IncidentClosed closed) {
        Accountability.update("status = ?1 where incidentId = ?2", AccountabilityStatus.DISCHARGED,
                closed.incidentId());
    }

    public Accountability visible(UUID id, SiteScope scope) {
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("id", id);
        return Accountability.<Accountability>find("id = :id and " + scope.condition("site"), params)
                .firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No accountability " + id));
    }

    public Page<Accountability> list(SiteScope scope, String owner, UUID incidentId, AccountabilityStatus status,
            int index, int size) {
        StringBuilder query = new StringBuilder(scope.condition("site"));
        Map<String, Object> params = new HashMap<>(scope.parameters());
        if (owner != null) {
            query.append(" and owner = :owner");
            params.put("owner", owner);
        }
        if (incidentId != null) {
            query.append(" and incidentId = :incidentId");
            params.put("incidentId", incidentId);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        var found = Accountability.<Accountability>find(query.toString(), Sort.ascending("dueOn").and("id"), params)
                .page(index, size);
        return new Page<>(found.list(), index, size, found.count());
    }
}
