package io.closeloop.verification.report;

import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import io.closeloop.verification.Verification;
import io.closeloop.verification.Verifications;
import io.closeloop.verification.findings.ReviewedIncident;
import io.closeloop.verification.history.History;
import io.closeloop.verification.surveillance.Surveillance;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The evidence a regulator asks for, per incident: readable in a browser, printable to PDF. */
@Path("/incidents/{incidentId}/closure-report")
public class ClosureReportResource {

    private final Verifications verifications;
    private final Surveillance surveillance;
    private final History history;
    private final Caller caller;
    private final Clock clock;
    private final Template report;

    ClosureReportResource(Verifications verifications, Surveillance surveillance, History history, Caller caller,
            Clock clock, @Location("closure-report.html") Template report) {
        this.verifications = verifications;
        this.surveillance = surveillance;
        this.history = history;
        this.caller = caller;
        this.clock = clock;
        this.report = report;
    }

    @GET
    @Transactional
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.SENIOR_LEADER, Roles.AUDITOR})
    public String render(@PathParam("incidentId") UUID incidentId) {
        List<Verification> cycles = verifications.ofIncident(caller.siteScope(), incidentId);
        if (cycles.isEmpty()) {
            throw new NotFoundException("No verification of incident " + incidentId);
        }
        ClosureReport model = ClosureReport.of(cycles, ReviewedIncident.findById(incidentId),
                surveillance.ofIncident(incidentId), history.ofIncident(incidentId), clock.instant(),
                caller.username());
        return report.data("r", model).render();
    }
}
