package io.closeloop.incident.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closeloop.chassis.directory.Directory;
import io.closeloop.chassis.directory.Ownership;
import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReviewed;
import io.closeloop.incident.controls.ControlRegister;
import io.closeloop.incident.intake.Incident;
import io.closeloop.incident.intake.Incidents;
import io.closeloop.incident.recurrence.Recurrence;
import io.closeloop.incident.stage.IncidentHistory;
import io.closeloop.incident.stage.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class ReviewService {

    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {
    };
    private static final List<ReviewStatus> OPEN = List.of(ReviewStatus.DRAFT, ReviewStatus.SUBMITTED,
            ReviewStatus.RETURNED);

    private final Incidents incidents;
    private final ReviewTemplates templates;
    private final ControlRegister register;
    private final Directory directory;
    private final Recurrence recurrence;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    ReviewService(Incidents incidents, ReviewTemplates templates, ControlRegister register, Directory directory,
            Recurrence recurrence, Outbox outbox, ObjectMapper json, Clock clock) {
        this.incidents = incidents;
        this.templates = templates;
        this.register = register;
        this.directory = directory;
        this.recurrence = recurrence;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** Starts a review on the current template version, which it keeps. */
    @Transactional
    public Review start(UUID incidentId, SiteScope scope, String reviewer, ReviewContent content) {
        Incident incident = incidents.visible(incidentId, scope);
        if (incident.stage != Stage.REVIEW) {
            throw RuleViolation.conflict("The incident is in stage " + incident.stage + ", not REVIEW");
        }
        if (Review.count("incidentId = ?1 and status in ?2", incident.id, OPEN) > 0) {
            throw RuleViolation.conflict("This incident already has a review in progress");
        }
        Review review = new Review();
        review.id = UUID.randomUUID();
        review.incidentId = incident.id;
        review.status = ReviewStatus.DRAFT;
        review.templateVersion = templates.current().version;
        review.reviewer = reviewer;
        review.createdAt = clock.instant();
        write(review, content);
        review.persist();
        IncidentHistory.append(incident.id, review.createdAt, reviewer, "incident-service",
                "Review started on template version " + review.templateVersion);
        return review;
    }

    @Transactional
    public Review update(UUID incidentId, UUID reviewId, SiteScope scope, String reviewer, ReviewContent content) {
        incidents.visible(incidentId, scope);
        Review review = review(incidentId, reviewId);
        ReviewRules.checkEditable(review.status, review.reviewer, reviewer);
        write(review, content);
        return review;
    }

    /** Refused, with every reason, unless the review is complete and every owner is an eligible leader. */
    @Transactional
    public Review submit(UUID incidentId, UUID reviewId, SiteScope scope, String reviewer) {
        Incident incident = incidents.visible(incidentId, scope);
        Review review = review(incidentId, reviewId);
        ReviewRules.checkEditable(review.status, review.reviewer, reviewer);
        var draft = new ReviewCompleteness.Draft(review.summary, answers(review),
                review.controlFailures.stream().map(f -> new ReviewCompleteness.Finding(f.controlId, f.failureMode,
                        f.evidence, f.owner)).toList(),
                review.noControlFailureJustification);
        var problems = ReviewCompleteness.problems(templates.content(templates.version(review.templateVersion)),
                draft, id -> register.active(id).isPresent(),
                owner -> Ownership.problem(owner, directory.find(owner), incident.site));
        if (!problems.isEmpty()) {
            throw RuleViolation.unprocessable("The review cannot be submitted yet", problems);
        }
        review.status = ReviewStatus.SUBMITTED;
        review.submittedAt = clock.instant();
        IncidentHistory.append(incident.id, review.submittedAt, reviewer, "incident-service",
                "Review submitted with " + review.controlFailures.size() + " control failure(s)");
        return review;
    }

    @Transactional
    public Review approve(UUID incidentId, UUID reviewId, SiteScope scope, String approver,
            boolean acceptNoControlFailure) {
        Incident incident = incidents.visible(incidentId, scope);
        Review review = review(incidentId, reviewId);
        boolean noControlFailure = review.controlFailures.isEmpty();
        ReviewRules.checkApproval(review.status, review.reviewer, approver, noControlFailure,
                acceptNoControlFailure);
        review.status = ReviewStatus.APPROVED;
        review.decidedBy = approver;
        review.decidedAt = clock.instant();
        incident.updatedAt = review.decidedAt;
        outbox.publish(Topics.INCIDENTS_REVIEWED, incident.id.toString(), new IncidentReviewed(incident.id,
                incident.site, incident.siteReference, incident.category, incident.harmLevel, review.id,
                review.reviewer, approver, review.decidedAt,
                review.controlFailures.stream().map(f -> new IncidentReviewed.ControlFailure(f.id, f.controlId,
                        f.controlName, f.failureMode.name(), f.evidence, f.owner)).toList()));
        if (noControlFailure) {
            incident.stage = Stage.CLOSED;
            IncidentHistory.append(incident.id, review.decidedAt, approver, "incident-service",
                    "Review approved with no control failure; justification accepted: "
                            + review.noControlFailureJustification);
        } else {
            incident.stage = Stage.ACCOUNTABILITY;
            IncidentHistory.append(incident.id, review.decidedAt, approver, "incident-service",
                    "Review approved; owners: " + review.controlFailures.stream().map(f -> f.owner).distinct()
                            .collect(Collectors.joining(", ")));
            recurrence.onReviewed(incident, review.controlFailures.stream().map(f -> f.controlId)
                    .filter(Objects::nonNull).collect(Collectors.toSet()));
        }
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

    public Map<String, String> answers(Review review) {
        if (review.answers == null) {
            return Map.of();
        }
        try {
            return json.readValue(review.answers, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Review " + review.id + " has unreadable answers", e);
        }
    }

    private void write(Review review, ReviewContent content) {
        review.summary = content.summary();
        review.timeline = content.timeline();
        review.contributoryFactors = content.contributoryFactors() == null ? null
                : content.contributoryFactors().stream().map(Enum::name).collect(Collectors.joining(","));
        try {
            review.answers = json.writeValueAsString(content.answers() == null ? Map.of()
                    : new LinkedHashMap<>(content.answers()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        review.noControlFailureJustification = content.noControlFailureJustification();
        review.controlFailures.clear();
        List<ReviewContent.Finding> findings = content.controlFailures() == null ? List.of()
                : content.controlFailures();
        for (int i = 0; i < findings.size(); i++) {
            ReviewContent.Finding finding = findings.get(i);
            ControlFailure failure = new ControlFailure();
            failure.id = UUID.randomUUID();
            failure.position = i;
            failure.controlId = finding.controlId();
            failure.controlName = finding.controlId() == null ? ControlFailure.NO_CONTROL_EXISTED
                    : register.active(finding.controlId()).map(c -> c.name).orElse(finding.controlId());
            failure.failureMode = finding.failureMode();
            failure.evidence = finding.evidence();
            failure.owner = finding.owner();
            review.controlFailures.add(failure);
        }
    }

    private static Review review(UUID incidentId, UUID reviewId) {
        return Review.<Review>find("id = ?1 and incidentId = ?2", reviewId, incidentId).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No review " + reviewId + " of incident " + incidentId));
    }
}
