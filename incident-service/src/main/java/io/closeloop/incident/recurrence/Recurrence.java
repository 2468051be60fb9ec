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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Links an incident to the earlier incidents it repeats. A repeat of an incident that was closed after verification
 * challenges that closure.
 */
@ApplicationScoped
public class Recurrence {

    private static final String ACTOR = "service:incident-service";

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
        IncidentHistory.append(incident.id, clock.instant(), ACTOR, "incident-service",
                repeatLine(earlier, reason, controlId));
        challenge(incident, earlier, reason);
    }

    private static String repeatLine(Incident earlier, LinkReason reason, String controlId) {
        return "Repeats incident " + earlier.site + "/" + earlier.siteReference + " ("
                + (reason == LinkReason.SAME_CONTROL ? "same failed control " + controlId
                        : "same category at the same site") + ")";
    }

    /** A repeat of an incident closed after verification puts that closure in question. */
    private void challenge(Incident incident, Incident earlier, LinkReason reason) {
        if (earlier.verifiedClosedAt != null) {
            outbox.publish(Topics.CLOSURE_CHALLENGED, earlier.id.toString(), new ClosureChallenged(earlier.id,
                    earlier.site, incident.id, "Repeat incident " + incident.site + "/" + incident.siteReference
                            + " links to this closed incident (" + reason + ")", clock.instant()));
            IncidentHistory.append(earlier.id, clock.instant(), ACTOR, "incident-service",
                    "Closure challenged by repeat incident " + incident.site + "/" + incident.siteReference);
        }
    }

    /** An incident of the batch as a candidate earlier incident, in {@link #isLater}'s order. */
    private record Candidate(Instant occurredAt, String id, Incident incident) {
        static final Comparator<Candidate> LATEST_FIRST = Comparator.comparing(Candidate::occurredAt)
                .reversed().thenComparing(Candidate::id);
    }

    /** An incident new in an intake batch, and an earlier incident it repeats (same site and category). */
    public record Repeat(Incident incident, Incident earlier) {
    }

    /**
     * The batch form of {@link #onReported}, for the incidents new in one intake batch, in intake order and not stored
     * yet: the same links onReported would make one by one, whether the earlier incident was stored before the batch
     * or comes earlier in it. One statement finds the stored candidates of the whole batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Repeat> repeatsOf(List<Incident> incidents) {
        List<Incident[]> stored = storedCandidates(incidents);
        // Per site and category, the batch's incidents so far, latest first: the latest one at or before an
        // incident's time is found without scanning them all (a backfill batch holds thousands of one kind).
        Map<String, NavigableSet<Candidate>> seen = new HashMap<>();
        List<Repeat> repeats = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            Incident incident = incidents.get(i);
            NavigableSet<Candidate> sameKind = seen.computeIfAbsent(incident.site + "/" + incident.category,
                    k -> new TreeSet<>(Candidate.LATEST_FIRST));
            Incident latest = stored.get(i)[0];
            Candidate inBatch = sameKind.ceiling(new Candidate(incident.occurredAt, "", null));
            if (inBatch != null && RecurrenceRules.repeats(inBatch.occurredAt(), incident.occurredAt,
                    config.recurrenceWindow()) && isLater(inBatch.incident(), latest)) {
                latest = inBatch.incident();
            }
            if (latest != null) {
                repeats.add(new Repeat(incident, latest));
            }
            Incident closed = stored.get(i)[1];
            if (closed != null && (latest == null || !closed.id.equals(latest.id))) {
                repeats.add(new Repeat(incident, closed));
            }
            sameKind.add(new Candidate(incident.occurredAt, incident.id.toString(), incident));
        }
        return repeats;
    }

    /**
     * Stores the links {@link #repeatsOf} found, once their incidents are stored, and returns their history lines for
     * the caller to append with the batch's other lines (one statement for the batch's history).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<IncidentHistory.Line> link(List<Repeat> repeats) {
        if (repeats.isEmpty()) {
            return List.of();
        }
        Instant at = clock.instant();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into incident_link (incident_id, earlier_incident_id, reason, control_id, linked_at)
                    select l.incident_id, l.earlier_incident_id, ?, '', ?
                    from unnest(?::uuid[], ?::uuid[]) as l(incident_id, earlier_incident_id)
                    on conflict do nothing""")) {
                insert.setString(1, LinkReason.SAME_SITE_CATEGORY.name());
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setArray(3, connection.createArrayOf("text",
                        repeats.stream().map(r -> r.incident().id.toString()).toArray()));
                insert.setArray(4, connection.createArrayOf("text",
                        repeats.stream().map(r -> r.earlier().id.toString()).toArray()));
                insert.executeUpdate();
            }
        });
        for (Repeat repeat : repeats) {
            registry.counter("closeloop.incidents.repeats", "site", repeat.incident().site, "reason",
                    LinkReason.SAME_SITE_CATEGORY.name()).increment();
            challenge(repeat.incident(), repeat.earlier(), LinkReason.SAME_SITE_CATEGORY);
        }
        return repeats.stream().map(r -> new IncidentHistory.Line(r.incident().id, at, ACTOR, "incident-service",
                repeatLine(r.earlier(), LinkReason.SAME_SITE_CATEGORY, ""))).toList();
    }

    /**
     * Per incident of the batch, the latest earlier stored incident of its site and category within the window, and
     * the latest such incident closed after verification (as onReported's two queries find them), read in the same
     * statement as far as a link needs them (unmanaged: a link never changes the earlier incident). The batch's own
     * incidents are not stored yet, so only earlier ones are found. The closure lookup runs only for a site and
     * category with a verified closure at all, found once per batch: before autovacuum first analyzes a fresh table
     * the planner has no statistics, and a backfill then spent 20-35 s in this statement about 25,000 reports in.
     */
    private List<Incident[]> storedCandidates(List<Incident> incidents) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    with closed_kinds as (
                      select distinct i.site, i.category from incident i
                      where i.verified_closed_at is not null and i.site = any(?::text[]) and i.category = any(?::text[]))
                    select x.position,
                      l.id, l.site, l.site_reference, l.occurred_at, l.verified_closed_at,
                      c.id, c.site, c.site_reference, c.occurred_at, c.verified_closed_at
                    from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                         with ordinality as x(site, category, occurred_at, window_start, position)
                    left join closed_kinds k on k.site = x.site and k.category = x.category
                    left join lateral (select i.id, i.site, i.site_reference, i.occurred_at, i.verified_closed_at
                         from incident i where i.site = x.site and i.category = x.category
                         and i.occurred_at <= x.occurred_at and i.occurred_at >= x.window_start
                       order by i.occurred_at desc, i.id limit 1) l on true
                    left join lateral (select i.id, i.site, i.site_reference, i.occurred_at, i.verified_closed_at
                         from incident i where k.site is not null
                         and i.site = x.site and i.category = x.category
                         and i.occurred_at <= x.occurred_at and i.occurred_at >= x.window_start
                         and i.verified_closed_at is not null
                       order by i.occurred_at desc, i.id limit 1) c on true""")) {
                query.setArray(1, connection.createArrayOf("text",
                        incidents.stream().map(i -> i.site).distinct().toArray()));
                query.setArray(2, connection.createArrayOf("text",
                        incidents.stream().map(i -> i.category.name()).distinct().toArray()));
                query.setArray(3, connection.createArrayOf("text", incidents.stream().map(i -> i.site).toArray()));
                query.setArray(4, connection.createArrayOf("text",
                        incidents.stream().map(i -> i.category.name()).toArray()));
                query.setArray(5, connection.createArrayOf("text",
                        incidents.stream().map(i -> i.occurredAt.toString()).toArray()));
                query.setArray(6, connection.createArrayOf("text", incidents.stream()
                        .map(i -> RecurrenceRules.windowStart(i.occurredAt, config.recurrenceWindow()).toString())
                        .toArray()));
                List<Incident[]> candidates = new ArrayList<>(Collections.nCopies(incidents.size(), null));
                Map<UUID, Incident> earlier = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        candidates.set(rows.getInt(1) - 1,
                                new Incident[] {earlier(rows, 2, earlier), earlier(rows, 7, earlier)});
                    }
                }
                return candidates;
            }
        });
    }

    /** The earlier incident in the five columns from {@code column}, or null; one object per incident. */
    private static Incident earlier(ResultSet rows, int column, Map<UUID, Incident> read) throws SQLException {
        UUID id = rows.getObject(column, UUID.class);
        if (id == null) {
            return null;
        }
        Incident incident = read.get(id);
        if (incident == null) {
            incident = new Incident();
            incident.id = id;
            incident.site = rows.getString(column + 1);
            incident.siteReference = rows.getString(column + 2);
            incident.occurredAt = rows.getTimestamp(column + 3).toInstant();
            Timestamp closed = rows.getTimestamp(column + 4);
            incident.verifiedClosedAt = closed == null ? null : closed.toInstant();
            read.put(id, incident);
        }
        return incident;
    }

    /** PostgreSQL's order of the queries above: the later occurrence, then the lower id (uuids compare as text). */
    private static boolean isLater(Incident candidate, Incident than) {
        if (than == null) {
            return true;
        }
        int byTime = candidate.occurredAt.compareTo(than.occurredAt);
        return byTime > 0 || byTime == 0 && candidate.id.toString().compareTo(than.id.toString()) < 0;
    }
}
