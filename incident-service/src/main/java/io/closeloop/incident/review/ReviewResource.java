package io.closeloop.incident.review;

import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import io.closeloop.incident.intake.Incidents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The structured review of one incident: drafted and submitted by a reviewer, decided by a senior leader. */
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
            @NotNull FailureMode failureMode,
            @Size(max = 4000) String evidence,
            @Size(max = 100) String owner) {
    }

    /** A draft may be incomplete; completeness is checked on submission. */
    public record ReviewRequest(
            @Size(max = 8000) String summary,
            @Size(max = 8000) String timeline,
            @Size(max = 6) List<@NotNull ContributoryFactor> contributoryFactors,
            @Size(max = 50) Map<@NotBlank @Size(max = 60) String, @Size(max = 4000) String> answers,
            @Size(max = 50) List<@NotNull @Valid FindingRequest> controlFailures,
            @Size(max = 4000) String noControlFailureJustification) {

        ReviewContent content() {
            return new ReviewContent(summary, timeline, contributoryFactors, answers,
                    controlFailures == null ? List.of() : controlFailures.stream()
                            .map(f -> new ReviewContent.Finding(f.controlId(), f.failureMode(), f.evidence(),
                                    f.owner())).toList(),
                    noControlFailureJustification);
        }
    }

    public record ReturnRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    public record FindingView(UUID id, String controlId, String controlName, FailureMode failureMode,
            String evidence, String owner) {

        static FindingView of(ControlFailure f) {
            return new FindingView(f.id, f.controlId, f.controlName, f.failureMode, f.evidence, f.owner);
        }
    }

    public record ReviewView(UUID id, UUID incidentId, ReviewStatus status, int templateVersion, String reviewer,
            String summary, String timeline, List<String> contributoryFactors, Map<String, String> answers,
            List<FindingView> controlFailures, String noControlFailureJustification, Instant createdAt,
            Instant submittedAt, String decidedBy, Instant decidedAt, String decisionNote) {
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REVIEWER)
    public Response start(@PathParam("incidentId") UUID incidentId, @NotNull @Valid ReviewRequest request) {
        Review review = reviews.start(incidentId, caller.siteScope(), caller.username(), request.content());
        return Response.status(Response.Status.CREATED).entity(view(review)).build();
    }

    @PUT
    @Path("/{reviewId}")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REVIEWER)
    public ReviewView update(@PathParam("incidentId") UUID incidentId, @PathParam("reviewId") UUID reviewId,
            @NotNull @Valid ReviewRequest request) {
        return view(reviews.update(incidentId, reviewId, caller.siteScope(), caller.username(), request.content()));
    }

    @POST
    @Path("/{reviewId}/submit")
    @Transactional
    @RolesAllowed(Roles.REVIEWER)
    public ReviewView submit(@PathParam("incidentId") UUID incidentId, @PathParam("reviewId") UUID reviewId) {
        return view(reviews.submit(incidentId, reviewId, caller.siteScope(), caller.username()));
    }

    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public List<ReviewView> list(@PathParam("incidentId") UUID incidentId) {
        incidents.visible(incidentId, caller.siteScope());
        return Review.<Review>list("incidentId = ?1 order by createdAt", incidentId).stream().map(this::view)
                .toList();
    }

    @POST
    @Path("/{reviewId}/approve")
    @Transactional
    @RolesAllowed(Roles.SENIOR_LEADER)
    public ReviewView approve(@PathParam("incidentId") UUID incidentId, @PathParam("reviewId") UUID reviewId,
            @QueryParam("acceptNoControlFailure") boolean acceptNoControlFailure) {
        return view(reviews.approve(incidentId, reviewId, caller.siteScope(), caller.username(),
                acceptNoControlFailure));
    }

    @POST
    @Path("/{reviewId}/return")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SENIOR_LEADER)
    public ReviewView returnForRework(@PathParam("incidentId") UUID incidentId, @PathParam("reviewId") UUID reviewId,
            @NotNull @Valid ReturnRequest request) {
        return view(reviews.returnForRework(incidentId, reviewId, caller.siteScope(), caller.username(),
                request.reason()));
    }

    private ReviewView view(Review r) {
        return new ReviewView(r.id, r.incidentId, r.status, r.templateVersion, r.reviewer, r.summary, r.timeline,
                r.contributoryFactors == null || r.contributoryFactors.isEmpty() ? List.of()
                        : Arrays.asList(r.contributoryFactors.split(",")),
                reviews.answers(r), r.controlFailures.stream().map(FindingView::of).toList(),
                r.noControlFailureJustification, r.createdAt, r.submittedAt, r.decidedBy, r.decidedAt,
                r.decisionNote);
    }
}
