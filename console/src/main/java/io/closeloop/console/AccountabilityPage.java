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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One accountability: its owner acknowledges or disputes it; a senior leader assigns or confirms. */
@Path("/accountabilities/{id}")
@Produces(MediaType.TEXT_HTML)
public class AccountabilityPage {

    @Inject
    Template accountability;
    @Inject
    Api api;

    @GET
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public TemplateInstance page(@PathParam("id") UUID id) {
        return view(id, Problem.NONE, null, Map.of());
    }

    /** {@code step} is acknowledge, dispute, assign or confirm: the service's own operations. */
    @POST
    @Path("{step}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public Object answer(@PathParam("id") UUID id, @PathParam("step") String step,
            MultivaluedMap<String, String> form) {
        if (!java.util.List.of("acknowledge", "dispute", "assign", "confirm").contains(step)) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        form.forEach((name, values) -> body.put(name, WorkPage.blankToNull(values.getFirst())));
        Api.Reply reply = api.post(Backend.ACCOUNTABILITY, "/accountabilities/" + seg(id) + "/" + step, body);
        if (reply.ok()) {
            return Response.seeOther(URI.create("/accountabilities/" + id + "?done=" + step)).build();
        }
        return view(id, reply.problem(), step, body);
    }

    private TemplateInstance view(UUID id, Problem problem, String step, Map<String, Object> entered) {
        String path = "/accountabilities/" + seg(id);
        return accountability.data("a", api.object(Backend.ACCOUNTABILITY, path))
                .data("history", api.list(Backend.ACCOUNTABILITY, path + "/history"))
                .data("problem", problem).data("step", step).data("entered", entered);
    }
}
