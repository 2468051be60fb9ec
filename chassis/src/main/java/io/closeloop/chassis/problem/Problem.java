package io.closeloop.chassis.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem document. {@code errors} names each field at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public record FieldError(String field, String message) {
    }

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        Problem problem = new Problem("about:blank", title, status, detail, errors);
        return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
    }
}
