package io.closeloop.action.review;

import io.closeloop.action.plan.Plans;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final Reviews reviews;
    private final Plans plans;
    private final Caller caller;

    ReviewResource(Reviews reviews, Plans plans, Caller caller) {
        this.reviews = reviews;
        this.plans = plans;
        this.caller = caller;
    }

    public record SignOffRequest(@Size(max = 4000) String comment) {
    }

    /** A leader reads their own review; senior leaders and auditors read anyone's. {@code month} is e.g. 2026-11. */
    @GET
    @Path("reviews/{leader}/{month}")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public Reviews.Review get(@PathParam("leader") String leader, @PathParam("month") String month) {
        if (!leader.equals(caller.username()) && !caller.seesAllSites()) {
            throw RuleViolation.unprocessable("A leader sees their own review; senior leaders and auditors see any",
                    List.of(new Problem.FieldError("leader", "not you")));
        }
        return reviews.get(leader, month(month), caller.siteScope());
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("reviews/{leader}/{month}/sign-off")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public Reviews.Review signOff(@PathParam("leader") String leader, @PathParam("month") String month,
            @NotNull @Valid SignOffRequest request) {
        return reviews.signOff(leader, month(month), caller.username(), request.comment());
    }

    /** The share of plans past drafting that rest on weak actions alone. */
    @GET
    @Path("reports/plan-strength")
    @RolesAllowed({Roles.SENIOR_LEADER, Roles.AUDITOR})
    public Plans.StrengthReport planStrength() {
        return plans.strengthReport(caller.siteScope());
    }

    private static YearMonth month(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw RuleViolation.unprocessable("A month looks like 2026-11: " + month,
                    List.of(new Problem.FieldError("month", "not a month")));
        }
    }
}
