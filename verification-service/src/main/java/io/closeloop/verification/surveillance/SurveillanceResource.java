package io.closeloop.verification.surveillance;

import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import io.closeloop.verification.VerificationConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Period;
import java.util.List;

@Path("/surveillance")
@Produces(MediaType.APPLICATION_JSON)
public class SurveillanceResource {

    private final Surveillance surveillance;
    private final VerificationConfig config;
    private final Caller caller;

    SurveillanceResource(Surveillance surveillance, VerificationConfig config, Caller caller) {
        this.surveillance = surveillance;
        this.config = config;
        this.caller = caller;
    }

    public record SurveillanceView(Period challengeWindow, long closedIncidents, long challengedClosures,
            long repeatsWithinWindow, long repeatsAfterWindow, List<Surveillance.SiteCounts> sites) {
    }

    /** Repeat-after-closure counts: how many closures held, and how many a repeat called into question. */
    @GET
    @RolesAllowed({Roles.SENIOR_LEADER, Roles.AUDITOR, Roles.VERIFIER})
    public SurveillanceView counts() {
        List<Surveillance.SiteCounts> sites = surveillance.counts(caller.siteScope());
        return new SurveillanceView(config.challengeWindow(),
                sites.stream().mapToLong(Surveillance.SiteCounts::closedIncidents).sum(),
                sites.stream().mapToLong(Surveillance.SiteCounts::challengedClosures).sum(),
                sites.stream().mapToLong(Surveillance.SiteCounts::repeatsWithinWindow).sum(),
                sites.stream().mapToLong(Surveillance.SiteCounts::repeatsAfterWindow).sum(), sites);
    }
}
