package io.closeloop.accountability.escalation;

import io.closeloop.chassis.escalation.EscalationLevel;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One escalation of one accountability; unique per level and term, so each is recorded once. */
@Entity
@Table(name = "escalation")
public class Escalation extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "accountability_id")
    public UUID accountabilityId;
    public int term;
    @Enumerated(EnumType.STRING)
    public EscalationLevel level;
    public String owner;
    public String reason;
    @Column(name = "due_on")
    public LocalDate dueOn;
    @Column(name = "escalated_at")
    public Instant escalatedAt;
}
