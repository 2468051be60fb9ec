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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** "My work": what each of the user's roles has waiting, and this week's control pack for a leader. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WorkPage {

    @Inject
    Template work;
    @Inject
    Api api;
    @Inject
    Me me;

    @GET
    @RolesAllowed({Roles.SITE_REPORTER, Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public Response home() {
        return Response.seeOther(URI.create("/work")).build();
    }

    @GET
    @Path("work")
    @RolesAllowed({Roles.SITE_REPORTER, Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public TemplateInstance page() {
        return view(Problem.NONE, null);
    }

    /** A leader records one item of this week's pack; a refusal is shown beside that item. */
    @POST
    @Path("work/pack")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public Object recordResult(@FormParam("item") String item, @FormParam("actionId") String actionId,
            @FormParam("controlId") String controlId, @FormParam("done") String done,
            @FormParam("value") String value, @FormParam("exceptions") String exceptions) {
        Map<String, Object> body = new HashMap<>();
        body.put("actionId", blankToNull(actionId));
        body.put("controlId", blankToNull(controlId));
        body.put("done", "yes".equals(done));
        body.put("value", value == null || value.isBlank() ? null : Double.valueOf(value.trim()));
        body.put("exceptions", blankToNull(exceptions));
        Api.Reply reply = api.post(Backend.ACTION, "/packs/current/results", body);
        if (reply.ok()) {
            return Response.seeOther(URI.create("/work?recorded=" + seg(item) + "#pack")).build();
        }
        return view(reply.problem(), item);
    }

    private TemplateInstance view(Problem problem, String failedItem) {
        TemplateInstance page = work.data("problem", problem).data("failedItem", failedItem);
        if (me.isReviewer()) {
            page.data("reviews", api.items(Backend.INCIDENT, "/incidents"
                    + query("stage", "REVIEW", "order", "REVIEW_DUE", "size", 50)));
        }
        if (me.isLeader() || me.isSenior()) {
            page.data("mine", api.object(Backend.ACCOUNTABILITY, "/my-accountabilities?size=20"));
            page.data("myPlans", myPlans());
            page.data("pack", api.readIfAllowed(Backend.ACTION, "/packs/current"));
        }
        if (me.isSenior() || me.isAuditor()) {
            page.data("reviewApprovals", submittedReviews());
            page.data("planApprovals", api.items(Backend.ACTION, "/plans" + query("status", "SUBMITTED", "size", 50)));
            page.data("weakOnly", api.all(Backend.ACTION, "/plans").stream()
                    .filter(p -> Boolean.TRUE.equals(p.get("weakOnly")) && p.get("weakOnlyException") == null
                            && List.of("DRAFT", "REOPENED").contains(p.get("status"))).toList());
            page.data("signOffs", api.items(Backend.VERIFICATION, "/verifications" + query("status", "OPEN",
                    "size", 50)));
            page.data("overdueAccountabilities", api.items(Backend.ACCOUNTABILITY, "/accountabilities"
                    + query("overdue", "true", "size", 50)));
            page.data("escalations", api.items(Backend.ACTION, "/escalations?size=50"));
            page.data("lastMonth", java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(1).toString());
        }
        if (me.isVerifier()) {
            page.data("checks", api.items(Backend.VERIFICATION, "/verifications" + query("status", "OPEN",
                    "size", 50)));
        }
        return page;
    }

    /** Plans with a control failure the user owns, still being worked on or running. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> myPlans() {
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Map<String, Object> plan : api.all(Backend.ACTION, "/plans")) {
            List<Map<String, Object>> commitments = (List<Map<String, Object>>) plan.get("commitments");
            if (commitments.stream().anyMatch(c -> me.username().equals(c.get("owner")))
                    && !"EMBEDDED".equals(plan.get("status"))) {
                mine.add(plan);
            }
        }
        return mine;
    }

    /** Reviews waiting for a senior leader: the submitted review of each incident still in review. */
    private List<Map<String, Object>> submittedReviews() {
        List<Map<String, Object>> waiting = new ArrayList<>();
        for (Map<String, Object> incident : api.items(Backend.INCIDENT, "/incidents"
                + query("stage", "REVIEW", "order", "REVIEW_DUE", "size", 50))) {
            for (Map<String, Object> review : api.list(Backend.INCIDENT,
                    "/incidents/" + seg(incident.get("id")) + "/reviews")) {
                if ("SUBMITTED".equals(review.get("status"))) {
                    Map<String, Object> row = new HashMap<>(review);
                    row.put("incident", incident);
                    waiting.add(row);
                }
            }
        }
        return waiting;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
