package io.closeloop.verification.findings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A control failure the review found, and the leader who owns it. */
@Entity
@Table(name = "review_finding")
public class Finding extends PanacheEntityBase {

    @Id
    @Column(name = "control_failure_id")
    public UUID controlFailureId;
    @Column(name = "control_id")
    public String controlId;
    @Column(name = "control_name")
    public String controlName;
    @Column(name = "failure_mode")
    public String failureMode;
    public String evidence;
    public String owner;
}
