package io.closeloop.incident.intake;

import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.ScopedQuery;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.incident.IncidentConfig;
import io.closeloop.incident.stage.Stage;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/** Incident queries, always within the caller's site scope. */
@ApplicationScoped
public class Incidents {

    private final Clock clock;
    private final IncidentConfig config;

    Incidents(Clock clock, IncidentConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /** Out-of-scope incidents answer 404 like missing ones, so ids of other sites cannot be probed. */
    public Incident visible(UUID id, SiteScope scope) {
        var query = ScopedQuery.within(scope).equal("id", id);
        return Incident.<Incident>find(query.where(), query.parameters()).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    public Page<Incident> list(SiteScope scope, IncidentQuery q, int index, int size) {
        long window = Page.countWindow(index, size, config.listCountLimit());
        var query = ScopedQuery.within(scope)
                .equal("site", q.site())
                .equal("stage", q.stage())
                .equal("category", q.category())
                .equal("harmLevel", q.harm())
                .equal("isRepeat", q.repeat());
        if (q.overdue() != null) {
            // Overdue: still in review after its due date.
            query.and(q.overdue() ? "stage = :reviewStage and reviewDueOn < :today"
                    : "not (stage = :reviewStage and reviewDueOn < :today)")
                    .bind("reviewStage", Stage.REVIEW)
                    .bind("today", LocalDate.now(clock));
        }
        var found = Incident.<Incident>find(query.where(), sort(q.order()), query.parameters()).page(index, size);
        return Page.counted(found.list(), index, size, countUpTo(window, query), window);
    }

    /**
     * Counts the matching incidents, reading no more than {@code window + 1} of them: an exact count of a million
     * rows on every page cost most of the list's time (issue 10), and nobody pages through more than the window.
     * (HQL refuses a limit in a subquery without an order, and an order would cost a sort, so the rows come back.)
     */
    private static long countUpTo(long window, ScopedQuery query) {
        var matching = Incident.getEntityManager().createQuery("select 1 from Incident where " + query.where(),
                Integer.class);
        query.parameters().forEach(matching::setParameter);
        return matching.setMaxResults((int) Math.min(window + 1, Integer.MAX_VALUE)).getResultList().size();
    }

    private static Sort sort(IncidentQuery.Order order) {
        return switch (order == null ? IncidentQuery.Order.NEWEST : order) {
            case NEWEST -> Sort.descending("occurredAt").and("id");
            case OLDEST -> Sort.ascending("occurredAt").and("id");
            case REVIEW_DUE -> Sort.ascending("reviewDueOn").and("id");
        };
    }
}
