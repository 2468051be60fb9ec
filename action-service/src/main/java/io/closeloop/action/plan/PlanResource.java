package io.closeloop.action.plan;

import io.closeloop.action.register.ControlType;
import io.closeloop.action.register.Frequency;
import io.closeloop.action.register.GoodDirection;
import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
            @NotNull ActionType actionType,
            @NotBlank @Size(max = 4000) String description,
            @Pattern(regexp = "[A-Z0-9-]{3,100}") String controlId,
            @Size(max = 200) String indicator,
            @Size(max = 40) String indicatorUnit,
            Double indicatorThreshold,
            GoodDirection goodDirection,
            Double baseline,
            @NotNull LocalDate dueOn,
            Strength strength,
            @Size(max = 2000) String strengthJustification,
            @Size(max = 200) String controlName,
            ControlType controlType,
            Frequency frequency) {
    }

    public record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    public record CommitmentView(UUID controlFailureId, String controlId, String controlName, String owner,
            String whatWillChange, String indicator, String target, LocalDate byWhen) {
    }

    public record ActionView(UUID id, UUID controlFailureId, String owner, ActionKind kind, ActionType actionType,
            Strength derivedStrength, Strength strength, String strengthJustification, String description,
            String controlId, String indicator, String indicatorUnit, Double indicatorThreshold,
            GoodDirection goodDirection, Double baseline, LocalDate dueOn, ActionStatus status, int cycle,
            String activeFromWeek, String embeddedWeek, Instant createdAt, Instant embeddedAt, Instant lapsedAt,
            String recoveredWeek, EscalationLevel escalation, String controlName, ControlType controlType,
            Frequency frequency, Integer registerVersion) {

        static ActionView of(CorrectiveAction a) {
            return new ActionView(a.id, a.controlFailureId, a.owner, a.kind, a.actionType, a.derivedStrength,
                    a.strength, a.strengthJustification, a.description, a.controlId, a.indicator, a.indicatorUnit,
                    a.indicatorThreshold, a.goodDirection, a.baseline, a.dueOn, a.status, a.cycle,
                    a.activeFromWeek, a.embeddedWeek, a.createdAt, a.embeddedAt, a.lapsedAt, a.recoveredWeek,
                    a.escalation, a.controlName, a.controlType, a.frequency, a.registerVersion);
        }
    }

    public record HistoryView(UUID actionId, int cycle, HistoryKind what, String week, String detail,
            String recordedBy, Instant recordedAt) {

        static HistoryView of(ActionHistory h) {
            return new HistoryView(h.actionId, h.cycle, h.what, h.isoWeek, h.detail, h.recordedBy, h.recordedAt);
        }
    }

    public record WeakOnlyException(String approvedBy, String reason, Instant approvedAt) {
    }

    public record PlanView(UUID id, UUID incidentId, String site, PlanStatus status, Instant openedAt,
            String reopenReasons, String returnedReason, boolean weakOnly, WeakOnlyException weakOnlyException,
            String submittedBy, Instant submittedAt, String approvedBy, Instant approvedAt, Instant embeddedAt,
            List<CommitmentView> commitments, List<ActionView> actions) {

        static PlanView of(Plan p) {
            return new PlanView(p.id, p.incidentId, p.site, p.status, p.openedAt, p.reopenReasons, p.returnedReason,
                    StrengthRules.weakOnly(p.actions.stream().map(a -> a.strength).toList()),
                    p.weakOnlyExceptionBy == null ? null : new WeakOnlyException(p.weakOnlyExceptionBy,
                            p.weakOnlyExceptionReason, p.weakOnlyExceptionAt),
                    p.submittedBy, p.submittedAt, p.approvedBy, p.approvedAt, p.embeddedAt,
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

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public List<HistoryView> history(@PathParam("id") UUID id) {
        return plans.history(id, caller.siteScope()).stream().map(HistoryView::of).toList();
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/actions")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public Response addAction(@PathParam("id") UUID id, @NotNull @Valid ActionRequest request) {
        CorrectiveAction action = plans.addAction(id, caller.siteScope(), caller.username(),
                new Plans.NewAction(request.controlFailureId(), request.kind(), request.actionType(),
                        request.description(), request.controlId(), request.indicator(), request.indicatorUnit(),
                        request.indicatorThreshold(), request.goodDirection(), request.baseline(), request.dueOn(),
                        request.strength(), request.strengthJustification(), request.controlName(),
                        request.controlType(), request.frequency()));
        return Response.status(Response.Status.CREATED).entity(ActionView.of(action)).build();
    }

    @DELETE
    @Transactional
    @Path("/{id}/actions/{actionId}")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public PlanView removeAction(@PathParam("id") UUID id, @PathParam("actionId") UUID actionId) {
        return PlanView.of(plans.removeAction(id, actionId, caller.siteScope(), caller.username()));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/weak-only-exception")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public PlanView allowWeakOnly(@PathParam("id") UUID id, @NotNull @Valid Reason request) {
        return PlanView.of(plans.allowWeakOnly(id, caller.siteScope(), caller.username(), request.reason()));
    }

    @POST
    @Transactional
    @Path("/{id}/submit")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public PlanView submit(@PathParam("id") UUID id) {
        return PlanView.of(plans.submit(id, caller.siteScope(), caller.username()));
    }

    @POST
    @Transactional
    @Path("/{id}/approve")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public PlanView approve(@PathParam("id") UUID id) {
        return PlanView.of(plans.approve(id, caller.siteScope(), caller.username()));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/return")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public PlanView returnToOwners(@PathParam("id") UUID id, @NotNull @Valid Reason request) {
        return PlanView.of(plans.returnToOwners(id, caller.siteScope(), caller.username(), request.reason()));
    }
}
