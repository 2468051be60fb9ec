package io.closeloop.action.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

@Entity
@Table(name = "commitment")
public class Commitment extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "control_failure_id")
    public UUID controlFailureId;
    @Column(name = "control_id")
    public String controlId;
    @Column(name = "control_name")
    public String controlName;
    public String owner;
    @Column(name = "what_will_change")
    public String whatWillChange;
    public String indicator;
    public String target;
    @Column(name = "by_when")
    public LocalDate byWhen;
}
