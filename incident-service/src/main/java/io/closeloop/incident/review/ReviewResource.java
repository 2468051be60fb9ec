package io.closeloop.incident.review;

import io.closeloop.chassis.security.Caller;
import io.closeloop.chassis.security.Roles;
import io.closeloop.incident.intake.Incidents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/incidents/{incidentId}/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final ReviewService reviews;
    private final Incidents incidents;
    private final Caller caller;

    ReviewResource(ReviewService reviews, Incidents incidents, Caller caller) {
        this.reviews = reviews;
        this.incidents = incidents;
        this.caller = caller;
    }

    public record FindingRequest(
            @Size(max = 100) String controlId,
            @NotBlank @Size(max = 200) String controlName,
            @NotBlank @Size(max = 60) String failureMode,
            @NotBlank @Size(max = 4000) String evidence,
            @NotBlank @Size(max = 100) String owner) {
    }

    public record SubmitRequest(
            @NotBlank @Size(max = 8000) String summary,
            @NotEmpty @Valid List<@NotNull FindingRequest> controlFailures) {
    }

    public record ReturnRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    public record ReviewView(UUID id, UUID incidentId, ReviewStatus status, String reviewer, String summary,
            Instant submittedAt, String decidedBy, Instant decidedAt, String decisionNote,
            List<FindingView> controlFailures) {

        static ReviewView of(Review r) {
            return new ReviewView(r.id, r.incidentId, r.status, r.reviewer, r.summary, r.submittedAt, r.decidedBy,
                    r.decidedAt, r.decisionNote, r.controlFailures.stream().map(FindingView::of).toList());
        }
    }

    public record FindingView(UUID id, String controlId, String controlName, String failureMode, String evidence,
            String owner) {

        static FindingView of(ControlFailure f) {
            return new FindingView(f.id, f.controlId, f.controlName, f.failureMode, f.evidence, f.owner);
        }
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REVIEWER)
    public Response submit(@PathParam("incidentId") UUID incidentId, @NotNull @Valid SubmitRequest request) {
        Review review = reviews.submit(incidentId, caller.siteScope(), caller.username(), request.summary(),
                request.controlFailures().stream().map(f -> new ReviewService.Finding(f.controlId(), f.controlName(),
                        f.failureMode(), f.evidence(), f.owner())).toList());
        return Response.status(Response.Status.CREATED).entity(ReviewView.of(review)).build();
    }

    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public List<ReviewView> list(@PathParam("incidentId") UUID incidentId) {
        incidents.visible(incidentId, caller.siteScope());
        return Review.<Review>list("incidentId = ?1 order by submittedAt", incidentId).stream()
                .map(ReviewView::of).toList();
    }

    @POST
    @Transactional
    @Path("/{reviewId}/approve")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public ReviewView approve(@PathParam("incidentId") UUID incidentId, @PathParam("reviewId") UUID reviewId) {
        return ReviewView.of(reviews.approve(incidentId, reviewId, caller.siteScope(), caller.username()));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{reviewId}/return")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public ReviewView returnForRework(@PathParam("incidentId") UUID incidentId, @PathParam("reviewId") UUID reviewId,
            @NotNull @Valid ReturnRequest request) {
        return ReviewView.of(reviews.returnForRework(incidentId, reviewId, caller.siteScope(), caller.username(),
                request.reason()));
    }
}
