package io.closeloop.verification.findings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The approved review of an incident as stage 1 published it: what the closure report shows as findings. */
@Entity
@Table(name = "reviewed_incident")
public class ReviewedIncident extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;
    public String site;
    @Column(name = "site_reference")
    public String siteReference;
    public String category;
    @Column(name = "harm_level")
    public String harmLevel;
    @Column(name = "review_id")
    public UUID reviewId;
    public String reviewer;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "approved_at")
    public Instant approvedAt;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "incident_id", nullable = false)
    @OrderBy("controlName")
    public List<Finding> findings = new ArrayList<>();
}
