package io.closeloop.accountability;

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

/** One control failure, its named leadership owner, and what the owner committed to change. */
@Entity
@Table(name = "accountability")
public class Accountability extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    public String site;
    @Column(name = "control_failure_id")
    public UUID controlFailureId;
    @Column(name = "control_id")
    public String controlId;
    @Column(name = "control_name")
    public String controlName;
    @Column(name = "failure_mode")
    public String failureMode;
    public String evidence;
    /** The owner named by the review, whether or not they passed the check. */
    @Column(name = "nominated_owner")
    public String nominatedOwner;
    /** The current owner's username; null while UNASSIGNED. */
    public String owner;
    /** The current owner's Keycloak user id. */
    @Column(name = "owner_id")
    public String ownerId;
    /** Why the nominated owner was not accepted. */
    @Column(name = "owner_problem")
    public String ownerProblem;
    @Enumerated(EnumType.STRING)
    public AccountabilityStatus status;
    @Column(name = "reviewed_at")
    public Instant reviewedAt;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "due_on")
    public LocalDate dueOn;
    @Column(name = "what_will_change")
    public String whatWillChange;
    public String indicator;
    public String target;
    @Column(name = "by_when")
    public LocalDate byWhen;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "dispute_reason")
    public String disputeReason;
    @Column(name = "disputed_at")
    public Instant disputedAt;
    /** Starts at 1 and counts (re)assignments; escalations are once per level per term. */
    public int term;
    @Enumerated(EnumType.STRING)
    public EscalationLevel escalation;
}
