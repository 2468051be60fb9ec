package io.closeloop.verification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A planned check of one control: acceptance criteria, fixed before the first result, and the results. */
@Entity
@Table(name = "verification_check")
public class Check extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "control_failure_id")
    public UUID controlFailureId;
    @Enumerated(EnumType.STRING)
    public CheckMethod method;
    public String criterion;
    @Column(name = "pass_threshold")
    public double passThreshold;
    @Column(name = "planned_count")
    public int plannedCount;
    @Column(name = "period_start")
    public LocalDate periodStart;
    @Column(name = "period_end")
    public LocalDate periodEnd;
    public Double baseline;
    @Column(name = "required_improvement")
    public Double requiredImprovement;
    @Column(name = "planned_by")
    public String plannedBy;
    @Column(name = "planned_at")
    public Instant plannedAt;
    @Column(name = "superseded_by")
    public UUID supersededBy;
    @Column(name = "superseded_at")
    public Instant supersededAt;

    @ElementCollection
    @CollectionTable(name = "check_checklist_item", joinColumns = @JoinColumn(name = "check_id"))
    @OrderColumn(name = "position")
    @Column(name = "item")
    public List<String> checklist = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "check_id", nullable = false)
    @OrderBy("recordedAt, reference")
    public List<CheckResult> results = new ArrayList<>();

    void apply(CheckRules.Plan plan) {
        method = plan.method();
        criterion = plan.criterion();
        passThreshold = plan.passThreshold();
        plannedCount = plan.plannedCount();
        periodStart = plan.periodStart();
        periodEnd = plan.periodEnd();
        baseline = plan.baseline();
        requiredImprovement = plan.requiredImprovement();
        checklist.clear();
        checklist.addAll(plan.checklist());
    }

    public boolean superseded() {
        return supersededBy != null;
    }

    public Tally tally() {
        int passed = (int) results.stream().filter(r -> r.passed).count();
        return new Tally(plannedCount, passed, results.size() - passed, passThreshold);
    }

    public Verdict verdict() {
        return superseded() ? Verdict.SUPERSEDED : tally().verdict();
    }
}
