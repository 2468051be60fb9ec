package io.closeloop.console;

import static io.closeloop.console.Api.query;

import io.closeloop.console.BoardFigures.Month;
import io.closeloop.console.Charts.Bar;
import io.closeloop.console.Charts.Scale;
import io.closeloop.contracts.Roles;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Board assurance per site and month, with charts, and the printable board pack for a chosen period. */
@Path("/board")
@Produces(MediaType.TEXT_HTML)
public class BoardPage {

    private static final int MAX_MONTHS = 24;

    @Inject
    Template board;
    @Inject
    Api api;

    @GET
    @RolesAllowed({Roles.SENIOR_LEADER, Roles.AUDITOR})
    public TemplateInstance page(@QueryParam("site") String site, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return figures(site, from, to, false);
    }

    @GET
    @Path("pack")
    @RolesAllowed({Roles.SENIOR_LEADER, Roles.AUDITOR})
    public TemplateInstance pack(@QueryParam("site") String site, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return figures(site, from, to, true);
    }

    private TemplateInstance figures(String site, String fromText, String toText, boolean pack) {
        YearMonth to = month(toText, YearMonth.now(ZoneOffset.UTC));
        YearMonth from = month(fromText, to.minusMonths(5));
        if (from.isAfter(to) || from.plusMonths(MAX_MONTHS).isBefore(to)) {
            throw new BadRequestException("choose a period of 1 to " + MAX_MONTHS + " months, oldest first");
        }
        List<Map<String, Object>> incidents = api.all(Backend.INCIDENT, "/incidents" + query("site", site));
        List<Month> months = BoardFigures.months(from, to, site,
                incidents.stream().map(i -> new BoardFigures.IncidentFact((String) i.get("site"),
                        instant(i.get("reportedAt")), Boolean.TRUE.equals(i.get("repeat")), (String) i.get("stage"),
                        instant(i.get("verifiedClosedAt")), instant(i.get("updatedAt")))).toList(),
                api.all(Backend.ACTION, "/plans").stream().map(p -> new BoardFigures.PlanFact(
                        (String) p.get("site"), Boolean.TRUE.equals(p.get("weakOnly")),
                        instant(p.get("submittedAt")))).toList(),
                api.all(Backend.VERIFICATION, "/verifications?challenged=true").stream()
                        .map(v -> new BoardFigures.ChallengeFact((String) v.get("site"),
                                instant(v.get("challengedAt")))).toList(),
                api.list(Backend.ACCOUNTABILITY, "/indicators" + query("site", site, "from", from, "to", to))
                        .stream().map(r -> new BoardFigures.OwnershipFact((String) r.get("site"),
                                YearMonth.parse((String) r.get("month")),
                                ((Number) r.get("reviewedIncidents")).longValue(),
                                ((Number) r.get("incidentsWithAcknowledgedOwners")).longValue())).toList());
        List<BoardFigures.OverdueFact> overdue = new ArrayList<>();
        api.all(Backend.ACCOUNTABILITY, "/accountabilities" + query("overdue", "true", "site", site))
                .forEach(a -> overdue.add(new BoardFigures.OverdueFact((String) a.get("site"),
                        String.valueOf(a.get("owner") != null ? a.get("owner") : a.get("nominatedOwner")),
                        "accountability")));
        api.all(Backend.ACTION, "/escalations?kind=OVERDUE_ACTION&level=SENIOR_LEADER")
                .forEach(e -> overdue.add(new BoardFigures.OverdueFact((String) e.get("site"),
                        (String) e.get("owner"), "action")));

        Map<String, String> charts = new LinkedHashMap<>();
        charts.put("Repeat-incident rate", chart("Repeat-incident rate", months, Month::repeatRate, Scale.SHARE, "warn"));
        charts.put("Days from report to verified closure", chart("Days from report to verified closure", months,
                Month::medianDaysToVerifiedClosure, Scale.DAYS, "info"));
        charts.put("Closures with verified improvement", chart("Closures with verified improvement", months,
                Month::verifiedShare, Scale.SHARE, "good"));
        charts.put("Challenged closures", chart("Challenged closures", months,
                m -> (double) m.challenged(), Scale.COUNT, "bad"));
        charts.put("Control failures with an acknowledged owner", chart("Control failures with an acknowledged owner",
                months, Month::acknowledgedOwnerShare, Scale.SHARE, "good"));
        charts.put("Weak-only plans", chart("Weak-only plans", months, Month::weakOnlyShare, Scale.SHARE, "warn"));
        return board.data("months", months).data("charts", charts)
                .data("overdue", BoardFigures.overdue(site, overdue))
                .data("site", site == null ? "" : site).data("from", from.toString()).data("to", to.toString())
                .data("pack", pack).data("generatedAt", Instant.now().toString());
    }

    private static String chart(String title, List<Month> months, Function<Month, Double> value, Scale scale,
            String tone) {
        return Charts.bars(title, months.stream().map(m -> new Bar(m.month().toString().substring(2),
                value.apply(m))).toList(), scale, tone);
    }

    private static YearMonth month(String text, YearMonth fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("a month is written 2026-11");
        }
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }
}
