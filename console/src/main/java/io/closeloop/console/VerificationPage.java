package io.closeloop.console;

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
import java.util.UUID;

/** A verification cycle: the verifier plans checks and records results; a senior leader closes or rejects. */
@Path("/verifications/{id}")
@Produces(MediaType.TEXT_HTML)
public class VerificationPage {

    @Inject
    Template verification;
    @Inject
    Api api;

    @GET
    @RolesAllowed({Roles.VERIFIER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public TemplateInstance page(@PathParam("id") UUID id) {
        return view(id, Problem.NONE, null, Map.of());
    }

    @POST
    @Path("checks")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.VERIFIER)
    public Object planCheck(@PathParam("id") UUID id, MultivaluedMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : List.of("controlFailureId", "method", "criterion", "periodStart", "periodEnd")) {
            body.put(field, WorkPage.blankToNull(form.getFirst(field)));
        }
        for (String field : List.of("passThreshold", "requiredImprovement")) {
            String value = WorkPage.blankToNull(form.getFirst(field));
            body.put(field, value == null ? null : Double.valueOf(value));
        }
        for (String field : List.of("sampleSize", "observations")) {
            String value = WorkPage.blankToNull(form.getFirst(field));
            body.put(field, value == null ? null : Integer.valueOf(value));
        }
        body.values().removeIf(java.util.Objects::isNull);
        Api.Reply reply = api.post(Backend.VERIFICATION, "/verifications/" + seg(id) + "/checks", body);
        if (reply.ok()) {
            return Response.seeOther(URI.create("/verifications/" + id + "?done=check-planned")).build();
        }
        return view(id, reply.problem(), "plan", body);
    }

    /** Results typed one case per line: {@code reference, pass|fail[, notes]}. */
    @POST
    @Path("checks/{check}/results")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.VERIFIER)
    public Object recordResults(@PathParam("id") UUID id, @PathParam("check") UUID check,
            MultivaluedMap<String, String> form) {
        List<Map<String, Object>> results;
        try {
            results = parseResults(form.getFirst("results"));
        } catch (IllegalArgumentException e) {
            return view(id, new Problem(400, e.getMessage(), Map.of("results", List.of(e.getMessage()))),
                    check.toString(), Map.of("results", form.getFirst("results")));
        }
        Api.Reply reply = api.post(Backend.VERIFICATION, "/verifications/" + seg(id) + "/checks/" + seg(check)
                + "/results", Map.of("results", results));
        if (reply.ok()) {
            return Response.seeOther(URI.create("/verifications/" + id + "?done=results-recorded")).build();
        }
        return view(id, reply.problem(), check.toString(), Map.of("results", form.getFirst("results")));
    }

    @POST
    @Path("decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.SENIOR_LEADER)
    public Object decide(@PathParam("id") UUID id, MultivaluedMap<String, String> form) {
        String text = form.getFirst("text") == null ? "" : form.getFirst("text").trim();
        boolean close = "close".equals(form.getFirst("decision"));
        Api.Reply reply = close
                ? api.post(Backend.VERIFICATION, "/verifications/" + seg(id) + "/close", Map.of("rationale", text))
                : api.post(Backend.VERIFICATION, "/verifications/" + seg(id) + "/reject",
                        Map.of("reasons", text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()));
        if (reply.ok()) {
            return Response.seeOther(URI.create("/verifications/" + id + "?done=" + (close ? "closed" : "rejected")))
                    .build();
        }
        return view(id, reply.problem(), "decision", Map.of("text", text));
    }

    static List<Map<String, Object>> parseResults(String text) {
        List<Map<String, Object>> results = new ArrayList<>();
        if (text == null) {
            return results;
        }
        int line = 0;
        for (String raw : text.lines().toList()) {
            line++;
            if (raw.isBlank()) {
                continue;
            }
            String[] parts = raw.split(",", 3);
            if (parts.length < 2) {
                throw new IllegalArgumentException("Line " + line + ": write the case reference, then pass or fail");
            }
            String outcome = parts[1].trim().toLowerCase(java.util.Locale.ROOT);
            if (!List.of("pass", "fail", "passed", "failed").contains(outcome)) {
                throw new IllegalArgumentException("Line " + line + ": '" + parts[1].trim()
                        + "' is neither pass nor fail");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("reference", parts[0].trim());
            result.put("passed", outcome.startsWith("pass"));
            if (parts.length == 3 && !parts[2].isBlank()) {
                result.put("notes", parts[2].trim());
            }
            results.add(result);
        }
        return results;
    }

    private TemplateInstance view(UUID id, Problem problem, String failedForm, Map<String, Object> entered) {
        String path = "/verifications/" + seg(id);
        return verification.data("v", api.object(Backend.VERIFICATION, path))
                .data("history", api.list(Backend.VERIFICATION, path + "/history"))
                .data("problem", problem).data("failedForm", failedForm).data("entered", entered);
    }
}
