package io.closeloop.chassis.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.closeloop.chassis.directory.DirectoryUnavailable;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every client error leaves as application/problem+json naming the fields at fault. */
public class ProblemMappers {

    /** Replaces Quarkus' own mapping of bean-validation failures, which is not problem+json. */
    @ServerExceptionMapper
    public Response invalidBody(ResteasyReactiveViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return Problem.response(400, "Invalid request",
                errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", ",
                        "Invalid fields: ", "")),
                errors);
    }

    /** Quarkus maps these two itself, so they are named here to be answered as problems too. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableBody(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return unreadableBody(e);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        String detail = field.isEmpty()
                ? "The request body is not valid JSON"
                : "The field '" + field + "' has a value of the wrong type or format";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of()
                : List.of(new Problem.FieldError(field, "wrong type or format"));
        return Problem.response(400, "Unreadable request body", detail, errors);
    }

    /**
     * Quarkus answers a body that is not JSON at all (or not UTF-8) with a bare 400 of its own; answered as a problem
     * here. Any other client error without a body gets one too; one that has a body keeps it.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json);
        }
        Response response = e.getResponse();
        int status = response.getStatus();
        if (response.hasEntity() || status < 400 || status >= 500) {
            return response;
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return Problem.response(status, type == null ? "Client error" : type.getReasonPhrase(), e.getMessage(),
                List.of());
    }

    @ServerExceptionMapper
    public Response ruleViolation(RuleViolation e) {
        String title = e.status() == 409 ? "Not allowed in the current state" : "Refused by a rule";
        return Problem.response(e.status(), title, e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response directoryUnavailable(DirectoryUnavailable e) {
        return Problem.response(503, "Identity provider unavailable", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.response(404, "Not found", e.getMessage(), List.of());
    }

    private static String field(ConstraintViolation<?> violation) {
        // "submit.arg1.owner" or "submit.review.owner": drop the method and parameter segments.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
