package io.closeloop.console;

import static io.closeloop.console.Api.query;
import static io.closeloop.console.Api.seg;

import io.closeloop.contracts.Roles;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The structured review: the template's sections and questions, control failures picked from the control register,
 * owners picked from the site's leaders; a refusal from incident-service is shown beside the field it names.
 */
@Path("/incidents/{id}/review")
@Produces(MediaType.TEXT_HTML)
public class ReviewForm {

    static final List<String> FACTORS = List.of("TASK", "INDIVIDUAL", "TEAM", "ENVIRONMENT", "ORGANISATIONAL",
            "PATIENT");
    static final List<String> FAILURE_MODES = List.of("MISSED_SUPERVISION", "UNCLEAR_ESCALATION",
            "WEAK_VERIFICATION", "ABSENT_CONTROL", "OTHER");
    /** Rows for control failures on the form: the ones found so far and room for more. */
    static final int FINDING_ROWS = 3;

    @Inject
    Template review;
    @Inject
    Api api;
    @Inject
    Me me;

    @GET
    @RolesAllowed(Roles.REVIEWER)
    public TemplateInstance form(@PathParam("id") UUID id) {
        Map<String, Object> draft = openReview(id);
        return view(id, draft == null ? Map.of() : draft, draft == null ? null : (String) draft.get("id"),
                Problem.NONE);
    }

    /** Saves the draft (a new one, or the open one edited), and submits it when asked. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.REVIEWER)
    public Object save(@PathParam("id") UUID id, MultivaluedMap<String, String> form) {
        Map<String, Object> body = body(form);
        String reviewId = WorkPage.blankToNull(form.getFirst("reviewId"));
        String base = "/incidents/" + seg(id) + "/reviews";
        Api.Reply saved = reviewId == null ? api.post(Backend.INCIDENT, base, body)
                : api.put(Backend.INCIDENT, base + "/" + seg(reviewId), body);
        if (!saved.ok()) {
            return view(id, body, reviewId, saved.problem());
        }
        reviewId = String.valueOf(saved.map().get("id"));
        if (!"submit".equals(form.getFirst("intent"))) {
            return view(id, saved.map(), reviewId, Problem.NONE).data("saved", true);
        }
        Api.Reply submitted = api.post(Backend.INCIDENT, base + "/" + seg(reviewId) + "/submit", null);
        if (!submitted.ok()) {
            return view(id, saved.map(), reviewId, submitted.problem());
        }
        return Response.seeOther(URI.create("/incidents/" + id + "?done=review-submitted")).build();
    }

    private TemplateInstance view(UUID id, Map<String, Object> draft, String reviewId, Problem problem) {
        Map<String, Object> incident = api.object(Backend.INCIDENT, "/incidents/" + seg(id));
        List<Map<String, Object>> controls = api.list(Backend.INCIDENT, "/controls" + query("site",
                incident.get("site")));
        return review.data("i", incident)
                .data("template", api.object(Backend.INCIDENT, "/review-templates/current"))
                .data("controls", controls)
                .data("owners", owners(controls))
                .data("draft", draft)
                .data("rows", rows(draft))
                .data("reviewId", reviewId)
                .data("problem", problem)
                .data("factors", FACTORS)
                .data("modes", FAILURE_MODES)
                .data("saved", false);
    }

    /**
     * The leaders eligible to own a control failure here: those who monitor the site's register controls. The
     * service checks the owner again on submission (an enabled leader covering the site) and its refusal shows
     * beside the owner's field.
     */
    static List<String> owners(List<Map<String, Object>> controls) {
        TreeSet<String> owners = new TreeSet<>();
        controls.forEach(c -> {
            if (c.get("monitoringOwner") != null) {
                owners.add(c.get("monitoringOwner").toString());
            }
        });
        return List.copyOf(owners);
    }

    /** The draft's control failures padded with empty rows, so the form always offers room for another. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> draft) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Object found = draft.get("controlFailures");
        if (found instanceof List<?> list) {
            list.forEach(f -> rows.add((Map<String, Object>) f));
        }
        while (rows.size() < FINDING_ROWS) {
            rows.add(Map.of());
        }
        return rows;
    }

    /** The request body from the form: empty finding rows are left out, blank answers are sent as missing. */
    static Map<String, Object> body(MultivaluedMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", WorkPage.blankToNull(form.getFirst("summary")));
        body.put("timeline", WorkPage.blankToNull(form.getFirst("timeline")));
        List<String> factors = form.get("factor");
        body.put("contributoryFactors", factors == null ? List.of() : factors);
        Map<String, String> answers = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("answer.") && !values.isEmpty() && !values.getFirst().isBlank()) {
                answers.put(name.substring("answer.".length()), values.getFirst().trim());
            }
        });
        body.put("answers", answers);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (int row = 0; row < FINDING_ROWS + 10; row++) {
            String control = WorkPage.blankToNull(form.getFirst("cf" + row + ".controlId"));
            String mode = WorkPage.blankToNull(form.getFirst("cf" + row + ".failureMode"));
            String evidence = WorkPage.blankToNull(form.getFirst("cf" + row + ".evidence"));
            String owner = WorkPage.blankToNull(form.getFirst("cf" + row + ".owner"));
            if (control == null && evidence == null && owner == null) {
                continue;
            }
            Map<String, Object> finding = new LinkedHashMap<>();
            boolean absent = "ABSENT".equals(control);
            finding.put("controlId", absent ? null : control);
            finding.put("failureMode", absent ? "ABSENT_CONTROL" : mode == null ? "OTHER" : mode);
            finding.put("evidence", evidence);
            finding.put("owner", owner);
            findings.add(finding);
        }
        body.put("controlFailures", findings);
        body.put("noControlFailureJustification", WorkPage.blankToNull(form.getFirst("noControlFailureJustification")));
        return body;
    }

    /** The review the reviewer is working on: a draft, or one returned to them. */
    private Map<String, Object> openReview(UUID id) {
        Map<String, Object> open = null;
        for (Map<String, Object> r : api.list(Backend.INCIDENT, "/incidents/" + seg(id) + "/reviews")) {
            if (List.of("DRAFT", "RETURNED").contains(r.get("status")) && me.username().equals(r.get("reviewer"))) {
                open = r;
            }
        }
        return open;
    }
}
