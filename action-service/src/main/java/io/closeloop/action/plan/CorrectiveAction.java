package io.closeloop.action.plan;

import io.closeloop.action.register.ControlType;
import io.closeloop.action.register.Frequency;
import io.closeloop.action.register.GoodDirection;
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

@Entity
@Table(name = "corrective_action")
public class CorrectiveAction extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "plan_id", insertable = false, updatable = false)
    public UUID planId;
    @Column(name = "control_failure_id")
    public UUID controlFailureId;
    public String owner;
    @Enumerated(EnumType.STRING)
    public ActionKind kind;
    @Enumerated(EnumType.STRING)
    @Column(name = "action_type")
    public ActionType actionType;
    @Enumerated(EnumType.STRING)
    @Column(name = "derived_strength")
    public Strength derivedStrength;
    @Enumerated(EnumType.STRING)
    public Strength strength;
    @Column(name = "strength_justification")
    public String strengthJustification;
    public String description;
    /** The register control this action adds, changes or retires, when there is one. */
    @Column(name = "control_id")
    public String controlId;
    public String indicator;
    @Column(name = "indicator_unit")
    public String indicatorUnit;
    @Column(name = "indicator_threshold")
    public Double indicatorThreshold;
    @Enumerated(EnumType.STRING)
    @Column(name = "good_direction")
    public GoodDirection goodDirection;
    public Double baseline;
    @Column(name = "due_on")
    public LocalDate dueOn;
    @Enumerated(EnumType.STRING)
    public ActionStatus status;
    /** Bumped when verification reopens the plan: results of earlier cycles no longer count towards embedding. */
    public int cycle;
    /** The first week whose pack holds this action's control item in the current cycle. */
    @Column(name = "active_from_week")
    public String activeFromWeek;
    @Column(name = "embedded_week")
    public String embeddedWeek;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "embedded_at")
    public Instant embeddedAt;
    @Column(name = "lapsed_at")
    public Instant lapsedAt;
    /** How far up an overdue action has gone in its current cycle. */
    @Enumerated(EnumType.STRING)
    public EscalationLevel escalation = EscalationLevel.NONE;
    /** The week results resumed after the last lapse; lapses are looked for from here on. */
    @Column(name = "recovered_week")
    public String recoveredWeek;
    /** For a new or changed control: its name, type and frequency as the action sets them. */
    @Column(name = "control_name")
    public String controlName;
    @Enumerated(EnumType.STRING)
    @Column(name = "control_type")
    public ControlType controlType;
    @Enumerated(EnumType.STRING)
    public Frequency frequency;
    /** The register version this action's approval wrote; set once, so a re-approval after reopening adds none. */
    @Column(name = "register_version")
    public Integer registerVersion;

    public RegisterChanges.ActionSpec registerSpec() {
        return new RegisterChanges.ActionSpec(kind, controlId, controlName, controlType, frequency, indicator,
                indicatorUnit, indicatorThreshold, goodDirection, owner);
    }
}
