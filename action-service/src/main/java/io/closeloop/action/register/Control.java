package io.closeloop.action.register;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** A control of the register as it stands: its latest version. Earlier versions are in {@link ControlVersion}. */
@Entity
@Table(name = "control")
public class Control extends PanacheEntityBase {

    @Id
    public String id;
    public int version;
    public String name;
    @Enumerated(EnumType.STRING)
    public ControlType type;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "control_site", joinColumns = @JoinColumn(name = "control_id"))
    @Column(name = "site")
    @OrderBy
    public Set<String> sites = new TreeSet<>();
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
    @Column(name = "changed_at")
    public Instant changedAt;
    /** The version last written to the outbox; behind {@link #version} only for seeded rows not yet published. */
    @Column(name = "published_version")
    public Integer publishedVersion;
}
