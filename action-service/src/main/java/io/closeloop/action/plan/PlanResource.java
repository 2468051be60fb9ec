package io.closeloop.action;

import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.Caller;
import io.closeloop.chassis.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final Plans plans;
    private final Caller caller;

    PlanResource(Plans plans, Caller caller) {
        this.plans = plans;
        this.caller = caller;
    }

    public record ActionRequest(
            @NotNull UUID controlFailureId,
            @NotNull ActionKind kind,
            @NotBlank @Size(max = 4000) String description,
            @Size(max = 200) String indicator,
            Double baseline) {
    }

    public record CommitmentView(UUID controlFailureId, String controlId, String controlName, String owner,
            String whatWillChange, String indicator, String target, LocalDate byWhen) {
    }

    public record ActionView(UUID id, UUID controlFailureId, String owner, ActionKind kind, String description,
            String indicator, Double baseline, ActionStatus status, Instant createdAt, Instant embeddedAt) {

        static ActionView of(CorrectiveAction a) {
            return new ActionView(a.id, a.controlFailureId, a.owner, a.kind, a.description, a.indicator, a.baseline,
                    a.status, a.createdAt, a.embeddedAt);
        }
    }

    public record PlanView(UUID id, UUID incidentId, String site, PlanStatus status, Instant openedAt,
            String reopenReasons, List<CommitmentView> commitments, List<ActionView> actions) {

        static PlanView of(Plan p) {
            return new PlanView(p.id, p.incidentId, p.site, p.status, p.openedAt, p.reopenReasons,
                    p.commitments.stream().map(c -> new CommitmentView(c.controlFailureId, c.controlId,
                            c.controlName, c.owner, c.whatWillChange, c.indicator, c.target, c.byWhen)).toList(),
                    p.actions.stream().map(ActionView::of).toList());
        }
    }

    @GET
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public Page<PlanView> list(@QueryParam("incidentId") UUID incidentId, @QueryParam("status") PlanStatus status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return plans.list(caller.siteScope(), incidentId, status, Page.index(page), Page.size(size))
                .map(PlanView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public PlanView get(@PathParam("id") UUID id) {
        return PlanView.of(plans.visible(id, caller.siteScope()));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/actions")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public Response addAction(@PathParam("id") UUID id, @NotNull @Valid ActionRequest request) {
        CorrectiveAction action = plans.addAction(id, caller.siteScope(), caller.username(),
                new Plans.NewAction(request.controlFailureId(), request.kind(), request.description(),
                        request.indicator(), request.baseline()));
        return Response.status(Response.Status.CREATED).entity(ActionView.of(action)).build();
    }

    @POST
    @Transactional
    @Path("/{id}/actions/{actionId}/embed")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public PlanView embed(@PathParam("id") UUID id, @PathParam("actionId") UUID actionId) {
        return PlanView.of(plans.embed(id, actionId, caller.siteScope(), caller.username()));
    }
}
