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
    /** 1 for the first verification of an incident; each rejection or challenge leads to the next. */
    public int cycle;
    @Enumerated(EnumType.STRING)
    @Column(name = "opened_because")
    public OpenedBecause openedBecause;
    @Column(name = "previous_verification_id")
    public UUID previousVerificationId;
    /** Set when a repeat incident within the surveillance window puts this closure in question. */
    @Column(name = "challenged_at")
    public Instant challengedAt;

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "verification_id", nullable = false)
    @OrderBy("controlName")
    public List<Target> targets = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "verification_id", nullable = false)
    @OrderBy("plannedAt, id")
    public List<Check> checks = new ArrayList<>();

    public List<String> owners() {
        return targets.stream().map(t -> t.owner).distinct().toList();
    }
}
