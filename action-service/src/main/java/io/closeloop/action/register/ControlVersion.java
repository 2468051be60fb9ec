package io.closeloop.action.register;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One version of a control, kept for ever: what the control was, who changed it and why. */
@Entity
@Table(name = "control_version")
public class ControlVersion extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "control_id")
    public String controlId;
    public int version;
    public String name;
    @Enumerated(EnumType.STRING)
    public ControlType type;
    /** Comma-separated, as it stood in this version. */
    public String sites;
    @Column(name = "monitoring_owner")
    public String monitoringOwner;
    @Enumerated(EnumType.STRING)
    public Frequency frequency;
    @Column(name = "indicator_name")
    public String indicatorName;
    @Column(name = "indicator_unit")
    public String indicatorUnit;
    @Column(name = "indicator_threshold")
    public double indicatorThreshold;
    @Enumerated(EnumType.STRING)
    @Column(name = "good_direction")
    public GoodDirection goodDirection;
    @Enumerated(EnumType.STRING)
    public ControlStatus status;
    @Column(name = "change_reason")
    public String changeReason;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
    /** The approved corrective action that made this version, if one did. */
    @Column(name = "action_id")
    public UUID actionId;
}
