package io.closeloop.incident.intake;

import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.incident.stage.Stage;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Incident queries, always within the caller's site scope. */
@ApplicationScoped
public class Incidents {

    private final Clock clock;

    Incidents(Clock clock) {
        this.clock = clock;
    }

    /** Out-of-scope incidents answer 404 like missing ones, so ids of other sites cannot be probed. */
    public Incident visible(UUID id, SiteScope scope) {
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("id", id);
        return Incident.<Incident>find("id = :id and " + scope.condition("site"), params).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    public Page<Incident> list(SiteScope scope, IncidentQuery q, int index, int size) {
        StringBuilder where = new StringBuilder(scope.condition("site"));
        Map<String, Object> params = new HashMap<>(scope.parameters());
        filter(where, params, "site", q.site());
        filter(where, params, "stage", q.stage());
        filter(where, params, "category", q.category());
        filter(where, params, "harmLevel", q.harm());
        filter(where, params, "isRepeat", q.repeat());
        if (q.overdue() != null) {
            // Overdue: still in review after its due date.
            where.append(q.overdue() ? " and stage = :reviewStage and reviewDueOn < :today"
                    : " and not (stage = :reviewStage and reviewDueOn < :today)");
            params.put("reviewStage", Stage.REVIEW);
            params.put("today", LocalDate.now(clock));
        }
        var found = Incident.<Incident>find(where.toString(), sort(q.order()), params).page(index, size);
        return new Page<>(found.list(), index, size, found.count());
    }

    private static void filter(StringBuilder where, Map<String, Object> params, String field, Object value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(field);
            params.put(field, value);
        }
    }

    private static Sort sort(IncidentQuery.Order order) {
        return switch (order == null ? IncidentQuery.Order.NEWEST : order) {
            case NEWEST -> Sort.descending("occurredAt").and("id");
            case OLDEST -> Sort.ascending("occurredAt").and("id");
            case REVIEW_DUE -> Sort.ascending("reviewDueOn").and("id");
        };
    }
}
