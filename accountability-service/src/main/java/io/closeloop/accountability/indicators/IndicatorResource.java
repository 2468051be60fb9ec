package io.closeloop.accountability.indicators;

import io.closeloop.accountability.Accountabilities;
import io.closeloop.accountability.Accountability;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import io.closeloop.chassis.security.ScopedQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorResource {

    static final int MAX_MONTHS = 36;
    private static final String MONTH = "\\d{4}-\\d{2}";

    private final Accountabilities accountabilities;
    private final Caller caller;

    IndicatorResource(Accountabilities accountabilities, Caller caller) {
        this.accountabilities = accountabilities;
        this.caller = caller;
    }

    /** Per site and month of review, from {@code from} to {@code to} (YYYY-MM, inclusive; default this month). */
    @GET
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public List<IndicatorRules.SiteMonth> indicators(@QueryParam("site") String site,
            @QueryParam("from") @Pattern(regexp = MONTH, message = "must be YYYY-MM") String from,
            @QueryParam("to") @Pattern(regexp = MONTH, message = "must be YYYY-MM") String to) {
        LocalDate today = accountabilities.today();
        YearMonth first = month("from", from, YearMonth.from(today));
        YearMonth last = month("to", to, first.isAfter(YearMonth.from(today)) ? first : YearMonth.from(today));
        if (last.isBefore(first) || first.plusMonths(MAX_MONTHS).isBefore(last.plusMonths(1))) {
            throw RuleViolation.unprocessable("A range runs forward over at most " + MAX_MONTHS + " months",
                    List.of(new Problem.FieldError("to", "must be from 'from' to " + MAX_MONTHS + " months later")));
        }
        var query = ScopedQuery.within(caller.siteScope())
                .and("reviewedAt >= :start", "start", first.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .and("reviewedAt < :end", "end", last.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .equal("site", site);
        // Only the seven columns the rules read, not managed entities: months of all sites are tens of thousands.
        List<IndicatorRules.Sample> samples = Accountability.find(query.where(), query.parameters())
                .project(IndicatorRules.Sample.class)
                .list();
        return IndicatorRules.compute(samples, today);
    }

    private static YearMonth month(String field, String value, YearMonth otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw RuleViolation.unprocessable("'" + field + "' is not a month",
                    List.of(new Problem.FieldError(field, "must be a month, YYYY-MM")));
        }
    }
}
