package io.closeloop.action.pack;

import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;

@Path("/escalations")
@Produces(MediaType.APPLICATION_JSON)
public class EscalationResource {

    private final Escalations escalations;
    private final Caller caller;

    EscalationResource(Escalations escalations, Caller caller) {
        this.escalations = escalations;
        this.caller = caller;
    }

    public record EscalationView(UUID id, EscalationKind kind, String site, String owner, UUID incidentId,
            UUID actionId, String controlId, String week, EscalationLevel level, Integer cycle, String detail,
            Instant raisedAt) {

        static EscalationView of(Escalation e) {
            return new EscalationView(e.id, e.kind, e.site, e.owner, e.incidentId, e.actionId, e.controlId,
                    e.isoWeek, e.level, e.cycle, e.detail, e.raisedAt);
        }
    }

    @GET
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public Page<EscalationView> list(@QueryParam("kind") EscalationKind kind,
            @QueryParam("level") EscalationLevel level, @QueryParam("owner") String owner,
            @QueryParam("incidentId") UUID incidentId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return escalations.list(caller.siteScope(), kind, level, owner, incidentId, Page.index(page),
                Page.size(size)).map(EscalationView::of);
    }
}
