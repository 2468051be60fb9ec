package io.closeloop.action.pack;

import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.SiteScope;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class Escalations {

    private final Clock clock;

    Escalations(Clock clock) {
        this.clock = clock;
    }

    public record Subject(String site, String owner, UUID incidentId, UUID actionId, String controlId, String isoWeek) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Escalation raise(EscalationKind kind, Subject subject, String detail) {
        return raise(kind, subject, null, null, detail);
    }

    /** An overdue action at one level of its cycle; the database holds each level once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Escalation raiseOverdue(Subject subject, EscalationLevel level, int cycle, String detail) {
        return raise(EscalationKind.OVERDUE_ACTION, subject, level, cycle, detail);
    }

    private Escalation raise(EscalationKind kind, Subject subject, EscalationLevel level, Integer cycle,
            String detail) {
        Escalation escalation = new Escalation();
        escalation.id = UUID.randomUUID();
        escalation.kind = kind;
        escalation.site = subject.site();
        escalation.owner = subject.owner();
        escalation.incidentId = subject.incidentId();
        escalation.actionId = subject.actionId();
        escalation.controlId = subject.controlId();
        escalation.isoWeek = subject.isoWeek();
        escalation.level = level;
        escalation.cycle = cycle;
        escalation.detail = detail;
        escalation.raisedAt = clock.instant();
        escalation.persist();
        return escalation;
    }

    public Page<Escalation> list(SiteScope scope, EscalationKind kind, EscalationLevel level, String owner,
            UUID incidentId, int index, int size) {
        StringBuilder query = new StringBuilder(scope.condition("site"));
        Map<String, Object> params = new HashMap<>(scope.parameters());
        if (kind != null) {
            query.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (level != null) {
            query.append(" and level = :level");
            params.put("level", level);
        }
        if (owner != null) {
            query.append(" and owner = :owner");
            params.put("owner", owner);
        }
        if (incidentId != null) {
            query.append(" and incidentId = :incidentId");
            params.put("incidentId", incidentId);
        }
        var found = Escalation.<Escalation>find(query.toString(), Sort.descending("raisedAt").and("id"), params)
                .page(index, size);
        return new Page<>(found.list(), index, size, found.count());
    }
}
