package io.closeloop.incident.review;

import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReviewed;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.incident.intake.Incident;
import io.closeloop.incident.intake.Incidents;
import io.closeloop.incident.stage.IncidentHistory;
import io.closeloop.incident.stage.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReviewService {

    private final Incidents incidents;
    private final Outbox outbox;
    private final Clock clock;

    ReviewService(Incidents incidents, Outbox outbox, Clock clock) {
        this.incidents = incidents;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Finding(String controlId, String controlName, String failureMode, String evidence, String owner) {
    }

    @Transactional
    public Review submit(UUID incidentId, SiteScope scope, String reviewer, String summary, List<Finding> findings) {
        Incident incident = incidents.visible(incidentId, scope);
        if (incident.stage != Stage.REVIEW) {
            throw RuleViolation.conflict("The incident is in stage " + incident.stage + ", not REVIEW");
        }
        if (Review.count("incidentId = ?1 and status = ?2", incident.id, ReviewStatus.SUBMITTED) > 0) {
            throw RuleViolation.conflict("A review of this incident is already waiting for a decision");
        }
        Review review = new Review();
        review.id = UUID.randomUUID();
        review.incidentId = incident.id;
        review.status = ReviewStatus.SUBMITTED;
        review.reviewer = reviewer;
        review.summary = summary;
        review.submittedAt = clock.instant();
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            ControlFailure failure = new ControlFailure();
            failure.id = UUID.randomUUID();
            failure.position = i;
            failure.controlId = finding.controlId();
            failure.controlName = finding.controlName();
            failure.failureMode = finding.failureMode();
            failure.evidence = finding.evidence();
            failure.owner = finding.owner();
            review.controlFailures.add(failure);
        }
        review.persist();
        IncidentHistory.append(incident.id, review.submittedAt, reviewer, "incident-service",
                "Review submitted with " + findings.size() + " control failure(s)");
        return review;
    }

    @Transactional
    public Review approve(UUID incidentId, UUID reviewId, SiteScope scope, String approver) {
        Incident incident = incidents.visible(incidentId, scope);
        Review review = review(incidentId, reviewId);
        ReviewRules.checkDecision(review.status, review.reviewer, approver);
        review.status = ReviewStatus.APPROVED;
        review.decidedBy = approver;
        review.decidedAt = clock.instant();
        incident.stage = Stage.ACCOUNTABILITY;
        incident.updatedAt = review.decidedAt;
        IncidentHistory.append(incident.id, review.decidedAt, approver, "incident-service", "Review approved");
        outbox.publish(Topics.INCIDENTS_REVIEWED, incident.id.toString(), new IncidentReviewed(incident.id,
                incident.site, incident.siteReference, incident.category, incident.harmLevel, review.id,
                review.reviewer, approver, review.decidedAt,
                review.controlFailures.stream().map(f -> new IncidentReviewed.ControlFailure(f.id, f.controlId,
                        f.controlName, f.failureMode, f.evidence, f.owner)).toList()));
        return review;
    }

    @Transactional
    public Review returnForRework(UUID incidentId, UUID reviewId, SiteScope scope, String decider, String note) {
        Incident incident = incidents.visible(incidentId, scope);
        Review review = review(incidentId, reviewId);
        ReviewRules.checkDecision(review.status, review.reviewer, decider);
        review.status = ReviewStatus.RETURNED;
        review.decidedBy = decider;
        review.decidedAt = clock.instant();
        review.decisionNote = note;
        IncidentHistory.append(incident.id, review.decidedAt, decider, "incident-service",
                "Review returned: " + note);
        return review;
    }

    private static Review review(UUID incidentId, UUID reviewId) {
        return Review.<Review>find("id = ?1 and incidentId = ?2", reviewId, incidentId).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No review " + reviewId + " of incident " + incidentId));
    }
}
