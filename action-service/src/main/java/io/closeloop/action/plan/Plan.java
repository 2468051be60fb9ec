package io.closeloop.action.plan;

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

/** An incident's corrective-action plan: the owners' commitments and the actions that answer them. */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    public String site;
    @Enumerated(EnumType.STRING)
    public PlanStatus status;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "reopen_reasons")
    public String reopenReasons;
    @Column(name = "submitted_by")
    public String submittedBy;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "returned_reason")
    public String returnedReason;
    @Column(name = "weak_only_exception_by")
    public String weakOnlyExceptionBy;
    @Column(name = "weak_only_exception_reason")
    public String weakOnlyExceptionReason;
    @Column(name = "weak_only_exception_at")
    public Instant weakOnlyExceptionAt;
    @Column(name = "embedded_at")
    public Instant embeddedAt;

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "plan_id", nullable = false)
    @OrderBy("controlName")
    public List<Commitment> commitments = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "plan_id", nullable = false)
    @OrderBy("createdAt")
    public List<CorrectiveAction> actions = new ArrayList<>();
}
