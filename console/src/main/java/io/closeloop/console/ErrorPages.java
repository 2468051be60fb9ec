package io.closeloop.console;

import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused or failed read is shown as a page that says which and why, never as a stack trace. */
public class ErrorPages {

    private final Template error;

    ErrorPages(Template error) {
        this.error = error;
    }

    /** A page the user's roles do not open. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                .entity(error.data("status", 403).data("detail", null).render()).build();
    }

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        int status = switch (e.problem().status()) {
            case 403, 404 -> e.problem().status();
            default -> 502;
        };
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(error.data("status", status).data("detail", e.problem().detail()).render()).build();
    }
}
