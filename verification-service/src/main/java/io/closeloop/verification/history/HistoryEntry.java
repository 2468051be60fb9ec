package io.closeloop.verification.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One dated step of a verification. Written once: the table refuses updates and deletes. */
@Entity
@Table(name = "verification_history")
public class HistoryEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "verification_id", updatable = false)
    public UUID verificationId;
    @Column(name = "incident_id", updatable = false)
    public UUID incidentId;
    @Column(updatable = false)
    public String site;
    @Column(updatable = false)
    public Instant at;
    @Column(updatable = false)
    public String actor;
    @Column(updatable = false)
    public String kind;
    @Column(updatable = false)
    public String detail;
}
