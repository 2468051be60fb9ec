package io.closeloop.incident.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.closeloop.chassis.inbox.DeadLetter;
import io.closeloop.chassis.inbox.RejectedEvent;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.EventSchemas;
import io.closeloop.contracts.EventType;
import io.closeloop.contracts.events.IncidentReported;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Intake by hand, under the same contract and rules as a site's feed; and the rejections auditors review. */
@Path("/intake")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource {

    private final IncidentIntake intake;
    private final Caller caller;

    IntakeResource(IncidentIntake intake, Caller caller) {
        this.intake = intake;
        this.caller = caller;
    }

    public record Rejection(long id, String topic, int partition, long offset, String key, String eventId,
            String reasonCode, String reason, String payload, Instant receivedAt) {

        static Rejection of(DeadLetter d) {
            return new Rejection(d.id, d.topic, d.partition, d.offset, d.key, d.eventId, d.reasonCode, d.reason,
                    new String(d.payload, StandardCharsets.UTF_8), d.receivedAt);
        }
    }

    /** A site reporter enters a report for one of their own sites: the body is the site feed's event data. */
    @POST
    @Path("/reports")
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SITE_REPORTER)
    public Response report(@NotNull JsonNode body) {
        List<String> violations = EventSchemas.violations(EventType.INCIDENT_REPORTED, body);
        if (!violations.isEmpty()) {
            throw new WebApplicationException(Problem.response(400, "Invalid report",
                    "The report breaks its schema", violations.stream()
                            .map(v -> new Problem.FieldError(field(v), v)).toList()));
        }
        IncidentReported report;
        try {
            report = EventJson.read(body, IncidentReported.class);
        } catch (IOException e) {
            throw new IllegalStateException("A schema-valid report always maps", e);
        }
        if (!caller.sites().contains(report.site())) {
            throw new ForbiddenException("Not a reporter for site " + report.site());
        }
        try {
            Incident incident = intake.receive(report, null, caller.username());
            return Response.status(Response.Status.CREATED).entity(IncidentResource.IncidentView.of(incident))
                    .build();
        } catch (RejectedEvent rejected) {
            throw RuleViolation.unprocessable(rejected.getMessage());
        }
    }

    @GET
    @Path("/rejections")
    @RolesAllowed({Roles.AUDITOR, Roles.SENIOR_LEADER})
    public Page<Rejection> rejections(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int index = Page.index(page);
        int pageSize = Page.size(size);
        var found = DeadLetter.<DeadLetter>find("consumer", Sort.descending("id"), "intake").page(index, pageSize);
        return new Page<>(found.list(), index, pageSize, found.count()).map(Rejection::of);
    }

    /** "$.harmLevel: does not have a value ..." and "$: required property 'site' not found" name their fields. */
    static String field(String violation) {
        int required = violation.indexOf("required property '");
        if (required >= 0) {
            int start = required + "required property '".length();
            return violation.substring(start, violation.indexOf('\'', start));
        }
        int colon = violation.indexOf(':');
        String path = colon < 0 ? violation : violation.substring(0, colon);
        return path.startsWith("$.") ? path.substring(2) : path.replace("$", "");
    }
}
