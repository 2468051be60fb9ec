package io.closeloop.action.pack;

import io.closeloop.chassis.escalation.EscalationLevel;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Something in a leader's routine that a senior leader must look at. */
@Entity
@Table(name = "escalation")
public class Escalation extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public EscalationKind kind;
    public String site;
    public String owner;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "action_id")
    public UUID actionId;
    @Column(name = "control_id")
    public String controlId;
    @Column(name = "iso_week")
    public String isoWeek;
    /** For an overdue action: the level it reached, in the action's reopening cycle. */
    @Enumerated(EnumType.STRING)
    public EscalationLevel level;
    public Integer cycle;
    public String detail;
    @Column(name = "raised_at")
    public Instant raisedAt;
}
