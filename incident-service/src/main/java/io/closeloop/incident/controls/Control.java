package io.closeloop.incident.controls;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** This service's read model of one control in action-service's register (controls.v1). */
@Entity
@Table(name = "control")
public class Control extends PanacheEntityBase {

    @Id
    public String id;
    public int version;
    public String name;
    public String type;
    /** Comma-separated site codes. */
    public String sites;
    @Column(name = "monitoring_owner")
    public String monitoringOwner;
    public String status;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> siteList() {
        return List.of(sites.split(","));
    }
}
