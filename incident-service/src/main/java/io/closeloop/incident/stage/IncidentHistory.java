package io.closeloop.incident.stage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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

    public static List<IncidentHistory> of(UUID incidentId) {
        return list("incidentId = ?1 order by id", incidentId);
    }
}
