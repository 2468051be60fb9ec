package io.closeloop.console;

import static io.closeloop.console.Api.seg;

import io.closeloop.contracts.Roles;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A corrective-action plan: owners add actions and submit; a senior leader approves, returns or allows weak-only. */
@Path("/plans/{id}")
@Produces(MediaType.TEXT_HTML)
public class PlanPage {

    static final List<String> KINDS = List.of("NEW_CONTROL", "CHANGE_CONTROL", "RETIRE_CONTROL", "SUPPORTING");
    static final List<String> ACTION_TYPES = List.of("ARCHITECTURAL_CHANGE", "FORCING_FUNCTION",
            "SIMPLIFIED_PROCESS", "STANDARDISED_EQUIPMENT_OR_PROCESS", "LEADERSHIP_INVOLVEMENT", "REDUNDANCY",
            "STAFFING_OR_WORKLOAD", "SOFTWARE_CHANGE", "FEWER_DISTRACTIONS", "SIMULATION_TRAINING",
            "CHECKLIST_OR_COGNITIVE_AID", "STANDARDISED_COMMUNICATION", "DOUBLE_CHECK", "WARNING",
            "NEW_POLICY_OR_MEMO", "TRAINING");
    private static final List<String> STEPS = List.of("submit", "approve", "return", "weak-only-exception");

    @Inject
    Template plan;
    @Inject
    Api api;

    @GET
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public TemplateInstance page(@PathParam("id") UUID id) {
        return view(id, Problem.NONE, Map.of());
    }

    @POST
    @Path("actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public Object addAction(@PathParam("id") UUID id, MultivaluedMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : List.of("controlFailureId", "kind", "actionType", "description", "dueOn",
                "strength", "strengthJustification")) {
            body.put(field, WorkPage.blankToNull(form.getFirst(field)));
        }
        String baseline = WorkPage.blankToNull(form.getFirst("baseline"));
        body.put("baseline", baseline == null ? null : Double.valueOf(baseline));
        Api.Reply reply = api.post(Backend.ACTION, "/plans/" + seg(id) + "/actions", body);
        if (reply.ok()) {
            return Response.seeOther(URI.create("/plans/" + id + "?done=action-added")).build();
        }
        return view(id, reply.problem(), body);
    }

    @POST
    @Path("actions/{action}/remove")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public Object removeAction(@PathParam("id") UUID id, @PathParam("action") UUID action) {
        Api.Reply reply = api.delete(Backend.ACTION, "/plans/" + seg(id) + "/actions/" + seg(action));
        if (reply.ok()) {
            return Response.seeOther(URI.create("/plans/" + id + "?done=action-removed")).build();
        }
        return view(id, reply.problem(), Map.of());
    }

    /** submit (an owner), approve, return or weak-only-exception (a senior leader). */
    @POST
    @Path("{step}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public Object step(@PathParam("id") UUID id, @PathParam("step") String step,
            MultivaluedMap<String, String> form) {
        if (!STEPS.contains(step)) {
            throw new NotFoundException();
        }
        String reason = WorkPage.blankToNull(form.getFirst("reason"));
        Api.Reply reply = api.post(Backend.ACTION, "/plans/" + seg(id) + "/" + step,
                reason == null ? null : Map.of("reason", reason));
        if (reply.ok()) {
            return Response.seeOther(URI.create("/plans/" + id + "?done=" + step)).build();
        }
        return view(id, reply.problem(), Map.of());
    }

    private TemplateInstance view(UUID id, Problem problem, Map<String, Object> entered) {
        String path = "/plans/" + seg(id);
        return plan.data("p", api.object(Backend.ACTION, path))
                .data("history", api.list(Backend.ACTION, path + "/history"))
                .data("problem", problem).data("entered", entered)
                .data("kinds", KINDS).data("actionTypes", ACTION_TYPES);
    }
}
