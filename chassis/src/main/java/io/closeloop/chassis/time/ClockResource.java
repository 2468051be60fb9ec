package io.closeloop.chassis.time;

import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The service's time; moved forward only where {@code closeloop.clock.controllable} is on (end-to-end runs). */
@Path("/clock")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SENIOR_LEADER, Roles.AUDITOR})
public class ClockResource {

    private final Clock clock;

    ClockResource(Clock clock) {
        this.clock = clock;
    }

    public record Now(Instant now, boolean controllable) {
    }

    public record Advance(@NotNull Duration by) {
    }

    @GET
    public Now now() {
        return new Now(clock.instant(), clock instanceof ControllableClock);
    }

    @POST
    @Path("/advance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SENIOR_LEADER)
    public Now advance(@NotNull @Valid Advance request) {
        if (!(clock instanceof ControllableClock controllable)) {
            throw new NotFoundException("This service's clock is not controllable");
        }
        if (request.by().isNegative()) {
            throw RuleViolation.unprocessable("The clock only moves forward",
                    List.of(new Problem.FieldError("by", "must not be negative")));
        }
        controllable.advance(request.by());
        return now();
    }
}
