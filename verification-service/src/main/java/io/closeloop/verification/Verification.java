package io.closeloop.verification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One verification cycle of an incident: the controls under test, the checks, and the senior decision. */
@Entity
@Table(name = "verification")
public class Verification extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    public String site;
    @Column(name = "plan_id")
    public UUID planId;
    @Enumerated(EnumType.STRING)
    public VerificationStatus status;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    public String decision;

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "verification_id", nullable = false)
    @OrderBy("controlName")
    public List<Target> targets = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "verification_id", nullable = false)
    @OrderBy("recordedAt")
    public List<Check> checks = new ArrayList<>();
}
