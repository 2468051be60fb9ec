package io.closeloop.verification;

import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import io.closeloop.verification.history.History;
import io.closeloop.verification.history.HistoryEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/verifications")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    private final Verifications verifications;
    private final History history;
    private final Caller caller;

    VerificationResource(Verifications verifications, History history, Caller caller) {
        this.verifications = verifications;
        this.history = history;
        this.caller = caller;
    }

    public record CheckRequest(
            @NotNull UUID controlFailureId,
            @NotNull CheckMethod method,
            @NotBlank @Size(max = 4000) String criterion,
            Double passThreshold,
            Integer sampleSize,
            LocalDate periodStart,
            LocalDate periodEnd,
            Integer observations,
            @Size(max = 50) List<@Size(max = 1000) String> checklist,
            Double requiredImprovement,
            UUID supersedes) {

        Criteria criteria() {
            return new Criteria(method, criterion, passThreshold, sampleSize, periodStart, periodEnd, observations,
                    checklist, requiredImprovement);
        }
    }

    public record EvidenceRequest(@Size(max = 200) String source, @Size(max = 1000) String locator,
            LocalDate capturedOn) {
    }

    /** A pseudonymous reference: letters, digits, dots, dashes and underscores, never a name with spaces. */
    public record ResultRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,39}") String reference,
            @NotNull Boolean passed,
            @Size(max = 4000) String notes,
            @Valid EvidenceRequest evidence) {
    }

    public record ResultsRequest(@NotEmpty @Size(max = 1000) List<@NotNull @Valid ResultRequest> results) {
    }

    public record CloseRequest(@NotBlank @Size(max = 4000) String rationale) {
    }

    public record RejectRequest(@NotEmpty List<@NotBlank @Size(max = 4000) String> reasons) {
    }

    public record TargetView(UUID controlFailureId, String controlName, String owner, String action,
            String indicator, Double baseline) {
    }

    public record ResultView(String reference, boolean passed, String notes, String evidenceSource,
            String evidenceLocator, LocalDate evidenceCapturedOn, String recordedBy, Instant recordedAt) {
    }

    public record CheckView(UUID id, UUID controlFailureId, CheckMethod method, String criterion,
            double passThreshold, int plannedCount, LocalDate periodStart, LocalDate periodEnd, List<String> checklist,
            Double baseline, Double requiredImprovement, String plannedBy, Instant plannedAt, boolean locked,
            UUID supersededBy, int recorded, int passed, int failed, double passRate, double lowerBound,
            Verdict verdict, int minimumSample, List<ResultView> results) {

        static CheckView of(Check c) {
            Tally t = c.tally();
            return new CheckView(c.id, c.controlFailureId, c.method, c.criterion, c.passThreshold, c.plannedCount,
                    c.periodStart, c.periodEnd, List.copyOf(c.checklist), c.baseline, c.requiredImprovement,
                    c.plannedBy, c.plannedAt, !c.results.isEmpty(), c.supersededBy, t.recorded(), t.passed(),
                    t.failed(), t.passRate(), t.lowerBound(), c.verdict(), Evidence.minimumSample(c.passThreshold),
                    c.results.stream().map(r -> new ResultView(r.reference, r.passed, r.notes, r.evidenceSource,
                            r.evidenceLocator, r.evidenceCapturedOn, r.recordedBy, r.recordedAt)).toList());
        }
    }

    public record VerificationView(UUID id, UUID incidentId, String site, UUID planId, int cycle,
            OpenedBecause openedBecause, UUID previousVerificationId, VerificationStatus status, Instant openedAt,
            String decidedBy, Instant decidedAt, String decision, Instant challengedAt, List<TargetView> targets,
            List<CheckView> checks, List<String> closureBlockers) {

        static VerificationView of(Verification v) {
            return new VerificationView(v.id, v.incidentId, v.site, v.planId, v.cycle, v.openedBecause,
                    v.previousVerificationId, v.status, v.openedAt, v.decidedBy, v.decidedAt, v.decision,
                    v.challengedAt,
                    v.targets.stream().map(t -> new TargetView(t.controlFailureId, t.controlName, t.owner, t.action,
                            t.indicator, t.baseline)).toList(),
                    v.checks.stream().map(CheckView::of).toList(),
                    v.status == VerificationStatus.OPEN ? Verifications.reasonsNotToClose(v, "") : List.of());
        }
    }

    public record HistoryView(Instant at, UUID verificationId, String actor, String kind, String detail) {

        static HistoryView of(HistoryEntry e) {
            return new HistoryView(e.at, e.verificationId, e.actor, e.kind, e.detail);
        }
    }

    @GET
    @RolesAllowed({Roles.VERIFIER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public Page<VerificationView> list(@QueryParam("incidentId") UUID incidentId,
            @QueryParam("status") VerificationStatus status, @QueryParam("challenged") Boolean challenged,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return verifications.list(caller.siteScope(), incidentId, status, challenged, Page.index(page),
                Page.size(size)).map(VerificationView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VERIFIER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public VerificationView get(@PathParam("id") UUID id) {
        return VerificationView.of(verifications.visible(id, caller.siteScope()));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.VERIFIER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public List<HistoryView> history(@PathParam("id") UUID id) {
        Verification verification = verifications.visible(id, caller.siteScope());
        return history.ofVerification(verification.id).stream().map(HistoryView::of).toList();
    }

    @GET
    @Path("/{id}/checks/{checkId}")
    @RolesAllowed({Roles.VERIFIER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public CheckView check(@PathParam("id") UUID id, @PathParam("checkId") UUID checkId) {
        return CheckView.of(Verifications.check(verifications.visible(id, caller.siteScope()), checkId));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/checks")
    @RolesAllowed(Roles.VERIFIER)
    public Response plan(@PathParam("id") UUID id, @NotNull @Valid CheckRequest request) {
        Check check = verifications.plan(id, caller.siteScope(), caller.username(), request.controlFailureId(),
                request.criteria(), request.supersedes());
        return Response.status(Response.Status.CREATED).entity(CheckView.of(check)).build();
    }

    @PUT
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/checks/{checkId}")
    @RolesAllowed(Roles.VERIFIER)
    public CheckView edit(@PathParam("id") UUID id, @PathParam("checkId") UUID checkId,
            @NotNull @Valid CheckRequest request) {
        return CheckView.of(verifications.edit(id, checkId, caller.siteScope(), caller.username(),
                request.criteria()));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/checks/{checkId}/results")
    @RolesAllowed(Roles.VERIFIER)
    public Response record(@PathParam("id") UUID id, @PathParam("checkId") UUID checkId,
            @NotNull @Valid ResultsRequest request) {
        Check check = verifications.record(id, checkId, caller.siteScope(), caller.username(),
                request.results().stream().map(r -> new Verifications.NewResult(r.reference(), r.passed(),
                        r.notes(), r.evidence() == null ? null : r.evidence().source(),
                        r.evidence() == null ? null : r.evidence().locator(),
                        r.evidence() == null ? null : r.evidence().capturedOn())).toList());
        return Response.status(Response.Status.CREATED).entity(CheckView.of(check)).build();
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/close")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public VerificationView close(@PathParam("id") UUID id, @NotNull @Valid CloseRequest request) {
        return VerificationView.of(verifications.close(id, caller.siteScope(), caller.username(),
                request.rationale()));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/reject")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public VerificationView reject(@PathParam("id") UUID id, @NotNull @Valid RejectRequest request) {
        return VerificationView.of(verifications.reject(id, caller.siteScope(), caller.username(),
                request.reasons()));
    }

    /** How many cases to plan to show a pass rate at or above the threshold with 95% confidence. */
    @GET
    @Path("/sample-size")
    @RolesAllowed({Roles.VERIFIER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public Evidence.Advice sampleSize(
            @QueryParam("threshold") @NotNull @DecimalMin(value = "0", inclusive = false)
            @DecimalMax(value = "1", inclusive = false) Double threshold,
            @QueryParam("expectedRate") @NotNull @DecimalMin(value = "0", inclusive = false)
            @DecimalMax("1") Double expectedRate) {
        try {
            return Evidence.adviseSampleSize(threshold, expectedRate);
        } catch (IllegalArgumentException e) {
            throw RuleViolation.unprocessable(e.getMessage());
        }
    }
}
