package io.closeloop.accountability;

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

    public record AccountabilityView(UUID id, UUID incidentId, String site, UUID controlFailureId, String controlId,
            String controlName, String failureMode, String evidence, String owner, AccountabilityStatus status,
            Instant openedAt, LocalDate dueOn, String whatWillChange, String indicator, String target,
            LocalDate byWhen, Instant acknowledgedAt) {

        static AccountabilityView of(Accountability a) {
            return new AccountabilityView(a.id, a.incidentId, a.site, a.controlFailureId, a.controlId,
                    a.controlName, a.failureMode, a.evidence, a.owner, a.status, a.openedAt, a.dueOn,
                    a.whatWillChange, a.indicator, a.target, a.byWhen, a.acknowledgedAt);
        }
    }

    /** With {@code mine=true}, the caller's own accountabilities: a leader's work list. */
    @GET
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public Page<AccountabilityView> list(@QueryParam("mine") @DefaultValue("false") boolean mine,
            @QueryParam("incidentId") UUID incidentId, @QueryParam("status") AccountabilityStatus status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return accountabilities.list(caller.siteScope(), mine ? caller.username() : null, incidentId, status,
                Page.index(page), Page.size(size)).map(AccountabilityView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public AccountabilityView get(@PathParam("id") UUID id) {
        return AccountabilityView.of(accountabilities.visible(id, caller.siteScope()));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public AccountabilityView acknowledge(@PathParam("id") UUID id, @NotNull @Valid AcknowledgeRequest request) {
        return AccountabilityView.of(accountabilities.acknowledge(id, caller.siteScope(), caller.username(),
                new Accountabilities.Expectation(request.whatWillChange(), request.indicator(), request.target(),
                        request.byWhen())));
    }
}
