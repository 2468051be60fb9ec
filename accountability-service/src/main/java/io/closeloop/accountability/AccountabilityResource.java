package io.closeloop.accountability;

import io.closeloop.accountability.history.HistoryAction;
import io.closeloop.accountability.history.HistoryEntry;
import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/accountabilities")
@Produces(MediaType.APPLICATION_JSON)
public class AccountabilityResource {

    private final Accountabilities accountabilities;
    private final Caller caller;

    AccountabilityResource(Accountabilities accountabilities, Caller caller) {
        this.accountabilities = accountabilities;
        this.caller = caller;
    }

    public record AcknowledgeRequest(
            @NotBlank @Size(max = 4000) String whatWillChange,
            @NotBlank @Size(max = 200) String indicator,
            @NotBlank @Size(max = 200) String target,
            @NotNull LocalDate byWhen) {
    }

    public record DisputeRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    public record AssignRequest(@NotBlank @Size(max = 100) String owner, @Size(max = 3000) String note) {
    }

    public record ConfirmRequest(@NotBlank @Size(max = 3000) String note) {
    }

    public record AccountabilityView(UUID id, UUID incidentId, String site, UUID controlFailureId, String controlId,
            String controlName, String failureMode, String evidence, String nominatedOwner, String owner,
            String ownerId, String ownerProblem, AccountabilityStatus status, boolean overdue,
            EscalationLevel escalation, Instant reviewedAt, Instant openedAt, LocalDate dueOn,
            String whatWillChange, String indicator, String target, LocalDate byWhen, Instant acknowledgedAt,
            String disputeReason, Instant disputedAt) {

        public static AccountabilityView of(Accountability a, LocalDate today) {
            return new AccountabilityView(a.id, a.incidentId, a.site, a.controlFailureId, a.controlId,
                    a.controlName, a.failureMode, a.evidence, a.nominatedOwner, a.owner, a.ownerId, a.ownerProblem,
                    a.status, AccountabilityRules.overdue(a.status, a.dueOn, today), a.escalation, a.reviewedAt,
                    a.openedAt, a.dueOn, a.whatWillChange, a.indicator, a.target, a.byWhen, a.acknowledgedAt,
                    a.disputeReason, a.disputedAt);
        }
    }

    public record HistoryView(Instant at, String actor, HistoryAction action, String owner, String detail) {

        public static HistoryView of(HistoryEntry e) {
            return new HistoryView(e.at, e.actor, e.action, e.owner, e.detail);
        }
    }

    /**
     * Accountabilities at the caller's sites. {@code mine=true}: the caller's own; {@code overdue=true}: unanswered
     * past the due date (across every site for senior leaders).
     */
    @GET
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public Page<AccountabilityView> list(@QueryParam("mine") @DefaultValue("false") boolean mine,
            @QueryParam("incidentId") UUID incidentId, @QueryParam("status") AccountabilityStatus status,
            @QueryParam("site") String site, @QueryParam("overdue") Boolean overdue,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        LocalDate today = accountabilities.today();
        return accountabilities.list(caller.siteScope(), new Accountabilities.Filter(
                mine ? caller.username() : null, incidentId, status, site, overdue), Page.index(page), Page.size(size))
                .map(a -> AccountabilityView.of(a, today));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public AccountabilityView get(@PathParam("id") UUID id) {
        return AccountabilityView.of(accountabilities.visible(id, caller.siteScope()), accountabilities.today());
    }

    /** Every assignment, answer, escalation and discharge, oldest first. */
    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public List<HistoryView> history(@PathParam("id") UUID id) {
        Accountability a = accountabilities.visible(id, caller.siteScope());
        return HistoryEntry.<HistoryEntry>list("accountabilityId = ?1 order by id", a.id).stream()
                .map(HistoryView::of).toList();
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public AccountabilityView acknowledge(@PathParam("id") UUID id, @NotNull @Valid AcknowledgeRequest request) {
        return AccountabilityView.of(accountabilities.acknowledge(id, caller.siteScope(), caller.username(),
                new Accountabilities.Expectation(request.whatWillChange(), request.indicator(), request.target(),
                        request.byWhen())), accountabilities.today());
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/dispute")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public AccountabilityView dispute(@PathParam("id") UUID id, @NotNull @Valid DisputeRequest request) {
        return AccountabilityView.of(accountabilities.dispute(id, caller.siteScope(), caller.username(),
                request.reason()), accountabilities.today());
    }

    /** Names the owner of an UNASSIGNED accountability, or reassigns a DISPUTED one. */
    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/assign")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public AccountabilityView assign(@PathParam("id") UUID id, @NotNull @Valid AssignRequest request) {
        return AccountabilityView.of(accountabilities.assign(id, caller.siteScope(), caller.username(),
                request.owner(), request.note()), accountabilities.today());
    }

    /** Keeps the owner of a DISPUTED accountability, saying why. */
    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/confirm")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public AccountabilityView confirm(@PathParam("id") UUID id, @NotNull @Valid ConfirmRequest request) {
        return AccountabilityView.of(accountabilities.confirm(id, caller.siteScope(), caller.username(),
                request.note()), accountabilities.today());
    }
}
