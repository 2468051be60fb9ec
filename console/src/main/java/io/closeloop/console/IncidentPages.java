package io.closeloop.console;

import static io.closeloop.console.Api.query;
import static io.closeloop.console.Api.seg;

import io.closeloop.contracts.Roles;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The incidents list with its filters, and one incident across all four stages. */
@Path("/incidents")
@Produces(MediaType.TEXT_HTML)
public class IncidentPages {

    static final List<String> STAGES = List.of("REVIEW", "ACCOUNTABILITY", "ACTION", "VERIFICATION", "CLOSED",
            "REOPENED");
    static final List<String> CATEGORIES = List.of("FALLS", "MEDICATION", "SAFEGUARDING", "PRESSURE_ULCERS",
            "INFECTION", "VIOLENCE_AGGRESSION", "INFORMATION_GOVERNANCE", "OTHER");
    static final List<String> HARMS = List.of("NONE", "LOW", "MODERATE", "SEVERE", "DEATH");

    @Inject
    Template incidents;
    @Inject
    Template incident;
    @Inject
    Api api;

    @GET
    @RolesAllowed({Roles.SITE_REPORTER, Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public TemplateInstance list(@QueryParam("site") String site, @QueryParam("stage") String stage,
            @QueryParam("category") String category, @QueryParam("harm") String harm,
            @QueryParam("overdue") String overdue, @QueryParam("repeat") String repeat,
            @QueryParam("page") Integer page) {
        int index = page == null || page < 0 ? 0 : page;
        Map<String, Object> result = api.object(Backend.INCIDENT, "/incidents" + query("site", site, "stage", stage,
                "category", category, "harm", harm, "overdue", overdue, "repeat", repeat, "order", "REVIEW_DUE",
                "page", index, "size", 25));
        long total = ((Number) result.get("total")).longValue();
        String filters = query("site", site, "stage", stage, "category", category, "harm", harm,
                "overdue", overdue, "repeat", repeat);
        // A long list is counted only so far: its total then means "more than".
        boolean exact = !Boolean.FALSE.equals(result.get("totalExact"));
        return incidents.data("result", result).data("total", total).data("totalExact", exact).data("page", index)
                .data("prevPage", index - 1).data("nextPage", index + 1)
                .data("hasNext", (index + 1) * 25L < total)
                .data("filters", filters.isEmpty() ? "?" : filters + "&")
                .data("f", Map.of("site", nz(site), "stage", nz(stage), "category", nz(category), "harm", nz(harm),
                        "overdue", nz(overdue), "repeat", nz(repeat)))
                .data("stages", STAGES).data("categories", CATEGORIES).data("harms", HARMS);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SITE_REPORTER, Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public TemplateInstance one(@PathParam("id") UUID id, @QueryParam("done") String done) {
        return view(id, Problem.NONE).data("done", done);
    }

    TemplateInstance view(UUID id, Problem problem) {
        String path = "/incidents/" + seg(id);
        Map<String, Object> found = api.object(Backend.INCIDENT, path);
        return incident.data("i", found).data("steps", steps(String.valueOf(found.get("stage"))))
                .data("problem", problem)
                .data("history", api.list(Backend.INCIDENT, path + "/history"))
                .data("reviews", api.readIfAllowed(Backend.INCIDENT, path + "/reviews"))
                .data("accountabilities", pageItems(api.readIfAllowed(Backend.ACCOUNTABILITY,
                        "/accountabilities" + query("incidentId", id, "size", 100))))
                .data("plans", plansWithHistory(id))
                .data("verifications", pageItems(api.readIfAllowed(Backend.VERIFICATION,
                        "/verifications" + query("incidentId", id, "size", 50))))
;
    }

    /** The stepper: stages before the incident's are done; a reopened incident is back in stage 3. */
    static List<Map<String, String>> steps(String stage) {
        List<String> order = List.of("REVIEW", "ACCOUNTABILITY", "ACTION", "VERIFICATION", "CLOSED");
        int current = "REOPENED".equals(stage) ? order.indexOf("ACTION") : order.indexOf(stage);
        return java.util.stream.IntStream.range(0, order.size()).mapToObj(i -> Map.of("stage", order.get(i),
                "state", i < current || "CLOSED".equals(stage) ? "done" : i == current ? "current" : "todo"))
                .toList();
    }

    /** A senior leader approves or returns a submitted review from the incident's page. */
    @POST
    @Path("{id}/reviews/{review}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.SENIOR_LEADER)
    public Object decide(@PathParam("id") UUID id, @PathParam("review") UUID review,
            @FormParam("decision") String decision, @FormParam("reason") String reason,
            @FormParam("acceptNoControlFailure") String acceptNoControlFailure) {
        String path = "/incidents/" + seg(id) + "/reviews/" + seg(review);
        Api.Reply reply = "return".equals(decision)
                ? api.post(Backend.INCIDENT, path + "/return", Map.of("reason", reason == null ? "" : reason))
                : api.post(Backend.INCIDENT, path + "/approve"
                        + query("acceptNoControlFailure", "yes".equals(acceptNoControlFailure) ? "true" : null), null);
        if (reply.ok()) {
            return Response.seeOther(URI.create("/incidents/" + id + "?done=review-" + decision)).build();
        }
        return view(id, reply.problem());
    }

    /** The closure report as verification-service renders it, for printing or saving as PDF. */
    @GET
    @Path("{id}/closure-report")
    @RolesAllowed({Roles.SENIOR_LEADER, Roles.AUDITOR})
    public Response closureReport(@PathParam("id") UUID id) {
        HttpResponse<String> report = api.raw(Backend.VERIFICATION, "/incidents/" + seg(id) + "/closure-report",
                "text/html");
        if (report.statusCode() != 200) {
            throw new ApiException("closure report", new Problem(report.statusCode(),
                    "There is no closure report for this incident yet.", Map.of()));
        }
        return Response.ok(report.body(), MediaType.TEXT_HTML_TYPE).build();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> plansWithHistory(UUID id) {
        List<Map<String, Object>> plans = pageItems(api.readIfAllowed(Backend.ACTION,
                "/plans" + query("incidentId", id, "size", 20)));
        if (plans == null) {
            return null;
        }
        for (Map<String, Object> plan : plans) {
            plan.put("history", api.read(Backend.ACTION, "/plans/" + seg(plan.get("id")) + "/history"));
        }
        return plans;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> pageItems(Object page) {
        return page == null ? null : (List<Map<String, Object>>) ((Map<String, Object>) page).get("items");
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
