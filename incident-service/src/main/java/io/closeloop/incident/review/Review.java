package io.closeloop.incident.review;

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

@Entity
@Table(name = "review")
public class Review extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Enumerated(EnumType.STRING)
    public ReviewStatus status;
    /** The template version the review started with; later versions do not change it. */
    @Column(name = "template_version")
    public int templateVersion;
    public String reviewer;
    public String summary;
    public String timeline;
    /** Comma-separated {@link ContributoryFactor} names. */
    @Column(name = "contributory_factors")
    public String contributoryFactors;
    /** Answers to the template's questions as a JSON object keyed by question id. */
    public String answers;
    @Column(name = "no_control_failure_justification")
    public String noControlFailureJustification;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_note")
    public String decisionNote;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "review_id", nullable = false)
    @OrderBy("position")
    public List<ControlFailure> controlFailures = new ArrayList<>();
}
