package io.closeloop.console;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/** A leader's monthly performance review, assembled from their weekly packs; a senior leader signs it off. */
@Path("/monthly-reviews")
@Produces(MediaType.TEXT_HTML)
public class MonthlyReviewPage {

    @Inject
    Template monthly;
    @Inject
    Api api;

    @GET
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public TemplateInstance page(@QueryParam("leader") String leader, @QueryParam("month") String month) {
        return view(leader, month, Problem.NONE);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.SENIOR_LEADER)
    public Object signOff(@FormParam("leader") String leader, @FormParam("month") String month,
            @FormParam("comment") String comment) {
        Api.Reply reply = api.post(Backend.ACTION, path(leader, month) + "/sign-off",
                Map.of("comment", comment == null ? "" : comment));
        if (reply.ok()) {
            return Response.seeOther(URI.create("/monthly-reviews" + Api.query("leader", leader, "month", month)))
                    .build();
        }
        return view(leader, month, reply.problem());
    }

    private TemplateInstance view(String leader, String month, Problem problem) {
        return monthly.data("r", api.object(Backend.ACTION, path(leader, month))).data("leader", leader)
                .data("month", month).data("problem", problem);
    }

    private static String path(String leader, String month) {
        return "/reviews/" + seg(leader) + "/" + seg(month);
    }
}
