package io.closeloop.incident.intake;

import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.incident.recurrence.Recurrence;
import io.closeloop.incident.stage.IncidentHistory;
import io.closeloop.incident.stage.Stage;
import io.closeloop.incident.triage.ReviewLevel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Where each incident stands. Reporters see their sites' incidents too: reporting is not a black hole. */
@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SITE_REPORTER, Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
public class IncidentResource {

    private final Incidents incidents;
    private final Recurrence recurrence;
    private final Caller caller;

    IncidentResource(Incidents incidents, Recurrence recurrence, Caller caller) {
        this.incidents = incidents;
        this.recurrence = recurrence;
        this.caller = caller;
    }

    public record IncidentView(UUID id, String site, String siteReference, long version, Instant occurredAt,
            Instant reportedAt, IncidentCategory category, HarmLevel harmLevel, String location, String description,
            String immediateActions, List<String> peopleAffected, Stage stage, ReviewLevel reviewLevel,
            LocalDate reviewDueOn, boolean repeat, Instant verifiedClosedAt, Instant updatedAt) {

        static IncidentView of(Incident i) {
            return new IncidentView(i.id, i.site, i.siteReference, i.version, i.occurredAt, i.reportedAt, i.category,
                    i.harmLevel, i.location, i.description, i.immediateActions, i.peopleAffectedList(), i.stage,
                    i.reviewLevel, i.reviewDueOn, i.isRepeat, i.verifiedClosedAt, i.updatedAt);
        }
    }

    public record HistoryLine(Instant at, String actor, String service, String what) {
    }

    @GET
    public Page<IncidentView> list(@QueryParam("site") String site, @QueryParam("stage") Stage stage,
            @QueryParam("category") IncidentCategory category, @QueryParam("harm") HarmLevel harm,
            @QueryParam("overdue") Boolean overdue, @QueryParam("repeat") Boolean repeat,
            @QueryParam("order") IncidentQuery.Order order, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        var query = new IncidentQuery(site, stage, category, harm, overdue, repeat, order);
        return incidents.list(caller.siteScope(), query, Page.index(page), Page.size(size)).map(IncidentView::of);
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

    /** The earlier incidents this one repeats. */
    @GET
    @Path("/{id}/repeats")
    public List<Recurrence.Link> repeats(@PathParam("id") UUID id) {
        incidents.visible(id, caller.siteScope());
        return recurrence.linksOf(id);
    }
}
