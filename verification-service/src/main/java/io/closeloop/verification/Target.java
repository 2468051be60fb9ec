package io.closeloop.verification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A corrective action under test, and the leader who owns its control. */
@Entity
@Table(name = "verification_target")
public class Target extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "control_failure_id")
    public UUID controlFailureId;
    @Column(name = "control_name")
    public String controlName;
    public String owner;
    public String action;
    public String indicator;
    public Double baseline;
}
