package io.closeloop.incident.intake;

import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.Caller;
import io.closeloop.chassis.security.Roles;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.incident.stage.IncidentHistory;
import io.closeloop.incident.stage.Stage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SITE_REPORTER, Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
public class IncidentResource {

    private final Incidents incidents;
    private final Caller caller;

    IncidentResource(Incidents incidents, Caller caller) {
        this.incidents = incidents;
        this.caller = caller;
    }

    public record IncidentView(UUID id, String site, String siteReference, long version, Instant occurredAt,
            Instant reportedAt, IncidentCategory category, HarmLevel harmLevel, String location, String description,
            String immediateActions, Stage stage, Instant updatedAt) {

        static IncidentView of(Incident i) {
            return new IncidentView(i.id, i.site, i.siteReference, i.version, i.occurredAt, i.reportedAt, i.category,
                    i.harmLevel, i.location, i.description, i.immediateActions, i.stage, i.updatedAt);
        }
    }

    public record HistoryLine(Instant at, String actor, String service, String what) {
    }

    @GET
    public Page<IncidentView> list(@QueryParam("site") String site, @QueryParam("stage") Stage stage,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return incidents.list(caller.siteScope(), site, stage, Page.index(page), Page.size(size)).map(IncidentView::of);
    }

    @GET
    @Path("/{id}")
    public IncidentView get(@PathParam("id") UUID id) {
        return IncidentView.of(incidents.visible(id, caller.siteScope()));
    }

    @GET
    @Path("/{id}/history")
    public List<HistoryLine> history(@PathParam("id") UUID id) {
        incidents.visible(id, caller.siteScope());
        return IncidentHistory.of(id).stream().map(h -> new HistoryLine(h.at, h.actor, h.service, h.what)).toList();
    }
}
