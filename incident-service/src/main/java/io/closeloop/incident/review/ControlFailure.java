package io.closeloop.incident.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A control that should have caught the incident earlier, how it failed, and the leader who owns it. */
@Entity
@Table(name = "control_failure")
public class ControlFailure extends PanacheEntityBase {

    public static final String NO_CONTROL_EXISTED = "No control existed";

    @Id
    public UUID id;
    public int position;
    /** Null when no control existed: the absence is the finding. */
    @Column(name = "control_id")
    public String controlId;
    @Column(name = "control_name")
    public String controlName;
    @Enumerated(EnumType.STRING)
    @Column(name = "failure_mode")
    public FailureMode failureMode;
    public String evidence;
    public String owner;
}
