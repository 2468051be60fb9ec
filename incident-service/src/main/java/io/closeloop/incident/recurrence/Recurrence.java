package io.closeloop.incident.recurrence;

import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.ClosureChallenged;
import io.closeloop.incident.IncidentConfig;
import io.closeloop.incident.intake.Incident;
import io.closeloop.incident.stage.IncidentHistory;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Links an incident to the earlier incidents it repeats. A repeat of an incident that was closed after verification
 * challenges that closure.
 */
@ApplicationScoped
public class Recurrence {

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final IncidentConfig config;
    private final Clock clock;
    private final MeterRegistry registry;

    Recurrence(EntityManager entityManager, Outbox outbox, IncidentConfig config, Clock clock,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    public record Link(UUID earlierIncidentId, LinkReason reason, String controlId) {
    }

    /**
     * On intake: the latest earlier incident of the same category at the same site within the window, and the latest
     * verified closure among them, which this repeat puts in question. Linking to every earlier incident would grow
     * with the square of a site's history; the links form a chain instead.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onReported(Incident incident) {
        String earlier = "site = ?1 and category = ?2 and id <> ?3 and occurredAt <= ?4 and occurredAt >= ?5";
        Object[] parameters = {incident.site, incident.category, incident.id, incident.occurredAt,
                RecurrenceRules.windowStart(incident.occurredAt, config.recurrenceWindow())};
        Incident.<Incident>find(earlier + " order by occurredAt desc, id", parameters).firstResultOptional()
                .ifPresent(e -> link(incident, e, LinkReason.SAME_SITE_CATEGORY, ""));
        Incident.<Incident>find(earlier + " and verifiedClosedAt is not null order by occurredAt desc, id", parameters)
                .firstResultOptional()
                .ifPresent(e -> link(incident, e, LinkReason.SAME_SITE_CATEGORY, ""));
    }

    /**
     * Once reviewed: per failed control, the latest earlier incident at any site whose approved review found that
     * control failing, and the latest such incident closed after verification.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onReviewed(Incident incident, Collection<String> failedControls) {
        if (failedControls.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select incident_id, control_id from (
                  select distinct on (f.control_id, i.verified_closed_at is not null) r.incident_id, f.control_id,
                         i.occurred_at
                  from review r
                  join control_failure f on f.review_id = r.id
                  join incident i on i.id = r.incident_id
                  where r.status = 'APPROVED' and f.control_id in (:controls) and r.incident_id <> :id
                    and i.occurred_at <= :occurredAt and i.occurred_at >= :from
                  order by f.control_id, i.verified_closed_at is not null, i.occurred_at desc, r.incident_id) latest""")
                .setParameter("controls", failedControls)
                .setParameter("id", incident.id)
                .setParameter("occurredAt", incident.occurredAt)
                .setParameter("from", RecurrenceRules.windowStart(incident.occurredAt, config.recurrenceWindow()))
                .getResultList();
        for (Object[] row : rows) {
            link(incident, Incident.findById(row[0]), LinkReason.SAME_CONTROL, (String) row[1]);
        }
    }

    public List<Link> linksOf(UUID incidentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select earlier_incident_id, reason, control_id from incident_link
                where incident_id = :id order by linked_at, earlier_incident_id""")
                .setParameter("id", incidentId)
                .getResultList();
        return rows.stream().map(r -> new Link((UUID) r[0], LinkReason.valueOf((String) r[1]),
                ((String) r[2]).isEmpty() ? null : (String) r[2])).toList();
    }

    private void link(Incident incident, Incident earlier, LinkReason reason, String controlId) {
        int inserted = entityManager.createNativeQuery("""
                insert into incident_link (incident_id, earlier_incident_id, reason, control_id, linked_at)
                values (:id, :earlier, :reason, :control, :at) on conflict do nothing""")
                .setParameter("id", incident.id)
                .setParameter("earlier", earlier.id)
                .setParameter("reason", reason.name())
                .setParameter("control", controlId)
                .setParameter("at", clock.instant())
                .executeUpdate();
        if (inserted == 0) {
            return;
        }
        incident.isRepeat = true;
        registry.counter("closeloop.incidents.repeats", "site", incident.site, "reason", reason.name()).increment();
        IncidentHistory.append(incident.id, clock.instant(), "service:incident-service", "incident-service",
                "Repeats incident " + earlier.site + "/" + earlier.siteReference + " ("
                        + (reason == LinkReason.SAME_CONTROL ? "same failed control " + controlId
                                : "same category at the same site") + ")");
        if (earlier.verifiedClosedAt != null) {
            outbox.publish(Topics.CLOSURE_CHALLENGED, earlier.id.toString(), new ClosureChallenged(earlier.id,
                    earlier.site, incident.id, "Repeat incident " + incident.site + "/" + incident.siteReference
                            + " links to this closed incident (" + reason + ")", clock.instant()));
            IncidentHistory.append(earlier.id, clock.instant(), "service:incident-service", "incident-service",
                    "Closure challenged by repeat incident " + incident.site + "/" + incident.siteReference);
        }
    }
}
