package io.closeloop.incident.review;

import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

@Path("/review-templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
public class ReviewTemplateResource {

    private final ReviewTemplates templates;
    private final Caller caller;

    ReviewTemplateResource(ReviewTemplates templates, Caller caller) {
        this.templates = templates;
        this.caller = caller;
    }

    public record TemplateView(int version, String publishedBy, Instant publishedAt, TemplateContent content) {
    }

    @GET
    @Path("/current")
    public TemplateView current() {
        return view(templates.current());
    }

    @GET
    @Path("/{version}")
    public TemplateView version(@PathParam("version") int version) {
        return view(templates.version(version));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SENIOR_LEADER)
    public Response publish(@NotNull @Valid TemplateContent content) {
        return Response.status(Response.Status.CREATED)
                .entity(view(templates.publish(content, caller.username()))).build();
    }

    private TemplateView view(ReviewTemplate template) {
        return new TemplateView(template.version, template.publishedBy, template.publishedAt,
                templates.content(template));
    }
}
