package io.closeloop.action.pack;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What a leader recorded for one control item in one weekly pack. */
@Entity
@Table(name = "control_result")
public class ControlResult extends PanacheEntityBase {

    @Id
    public UUID id;
    public String owner;
    @Column(name = "iso_week")
    public String isoWeek;
    public String site;
    @Column(name = "action_id")
    public UUID actionId;
    public Integer cycle;
    @Column(name = "control_id")
    public String controlId;
    @Column(name = "control_version")
    public Integer controlVersion;
    public boolean done;
    public Double value;
    public String exceptions;
    public boolean breached;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
