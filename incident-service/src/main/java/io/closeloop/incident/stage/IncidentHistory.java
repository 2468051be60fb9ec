package io.closeloop.incident.stage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.Session;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One line of an incident's append-only history. Never updated, never deleted. */
@Entity
@Table(name = "incident_history")
public class IncidentHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public UUID incidentId;
    public Instant at;
    public String actor;
    public String service;
    public String what;

    public static void append(UUID incidentId, Instant at, String actor, String service, String what) {
        IncidentHistory line = new IncidentHistory();
        line.incidentId = incidentId;
        line.at = at;
        line.actor = actor;
        line.service = service;
        line.what = what;
        line.persist();
    }

    public record Line(UUID incidentId, Instant at, String actor, String service, String what) {
    }

    /** Appends many lines in one statement, in the order given (an intake batch). */
    public static void appendAll(List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into incident_history (incident_id, at, actor, service, what)
                    select l.incident_id, l.at, l.actor, l.service, l.what
                    from unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
                         with ordinality as l(incident_id, at, actor, service, what, position)
                    order by l.position""")) {
                insert.setArray(1, connection.createArrayOf("text",
                        lines.stream().map(l -> l.incidentId().toString()).toArray()));
                insert.setArray(2, connection.createArrayOf("text", lines.stream().map(l -> l.at().toString()).toArray()));
                insert.setArray(3, connection.createArrayOf("text", lines.stream().map(Line::actor).toArray()));
                insert.setArray(4, connection.createArrayOf("text", lines.stream().map(Line::service).toArray()));
                insert.setArray(5, connection.createArrayOf("text", lines.stream().map(Line::what).toArray()));
                insert.executeUpdate();
            }
        });
    }

    public static List<IncidentHistory> of(UUID incidentId) {
        return list("incidentId = ?1 order by id", incidentId);
    }
}
