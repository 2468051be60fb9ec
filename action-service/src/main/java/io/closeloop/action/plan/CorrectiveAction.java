package io.closeloop.action;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "corrective_action")
public class CorrectiveAction extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "control_failure_id")
    public UUID controlFailureId;
    public String owner;
    @Enumerated(EnumType.STRING)
    public ActionKind kind;
    public String description;
    public String indicator;
    public Double baseline;
    @Enumerated(EnumType.STRING)
    public ActionStatus status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "embedded_at")
    public Instant embeddedAt;
}
