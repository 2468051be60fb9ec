package io.closeloop.verification;

import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.Caller;
import io.closeloop.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/verifications")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    private final Verifications verifications;
    private final Caller caller;

    VerificationResource(Verifications verifications, Caller caller) {
        this.verifications = verifications;
        this.caller = caller;
    }

    public record CheckRequest(
            @NotNull UUID controlFailureId,
            @NotNull CheckMethod method,
            @NotBlank @Size(max = 4000) String criterion,
            @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double passThreshold,
            @NotNull @Min(0) Integer passed,
            @NotNull @Min(0) Integer failed) {
    }

    public record CloseRequest(@NotBlank @Size(max = 4000) String rationale) {
    }

    public record RejectRequest(@NotEmpty List<@NotBlank @Size(max = 4000) String> reasons) {
    }

    public record TargetView(UUID controlFailureId, String controlName, String owner, String action,
            String indicator, Double baseline) {
    }

    public record CheckView(UUID id, UUID controlFailureId, CheckMethod method, String criterion,
            double passThreshold, int passed, int failed, double passRate, double lowerBound, Outcome outcome,
            String verifier, Instant recordedAt) {

        static CheckView of(Check c) {
            int total = c.passed + c.failed;
            return new CheckView(c.id, c.controlFailureId, c.method, c.criterion, c.passThreshold, c.passed,
                    c.failed, total == 0 ? 0 : (double) c.passed / total, c.lowerBound, c.outcome, c.verifier,
                    c.recordedAt);
        }
    }

    public record VerificationView(UUID id, UUID incidentId, String site, UUID planId, VerificationStatus status,
            Instant openedAt, String decidedBy, Instant decidedAt, String decision, List<TargetView> targets,
            List<CheckView> checks) {

        static VerificationView of(Verification v) {
            return new VerificationView(v.id, v.incidentId, v.site, v.planId, v.status, v.openedAt, v.decidedBy,
                    v.decidedAt, v.decision,
                    v.targets.stream().map(t -> new TargetView(t.controlFailureId, t.controlName, t.owner, t.action,
                            t.indicator, t.baseline)).toList(),
                    v.checks.stream().map(CheckView::of).toList());
        }
    }

    @GET
    @RolesAllowed({Roles.VERIFIER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public Page<VerificationView> list(@QueryParam("incidentId") UUID incidentId,
            @QueryParam("status") VerificationStatus status, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return verifications.list(caller.siteScope(), incidentId, status, Page.index(page), Page.size(size))
                .map(VerificationView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VERIFIER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public VerificationView get(@PathParam("id") UUID id) {
        return VerificationView.of(verifications.visible(id, caller.siteScope()));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/checks")
    @RolesAllowed(Roles.VERIFIER)
    public Response record(@PathParam("id") UUID id, @NotNull @Valid CheckRequest request) {
        Check check = verifications.record(id, caller.siteScope(), caller.username(), new Verifications.NewCheck(
                request.controlFailureId(), request.method(), request.criterion(), request.passThreshold(),
                request.passed(), request.failed()));
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
}
