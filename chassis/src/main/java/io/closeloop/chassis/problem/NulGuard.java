package io.closeloop.chassis.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * PostgreSQL cannot hold U+0000 in text, so a NUL that reaches a query or an insert fails as a server error. No field
 * of any service means to hold one: it is refused at the door as a 400 problem, here in the address and in
 * {@link NulBodyGuard} in JSON bodies.
 */
public class NulGuard {

    /** In an address a NUL can only come percent-encoded. */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> nulInAddress(ContainerRequestContext request) {
        var uri = request.getUriInfo().getRequestUri();
        String raw = uri.getRawPath() + "?" + (uri.getRawQuery() == null ? "" : uri.getRawQuery());
        if (raw.toLowerCase(Locale.ROOT).contains("%00")) {
            return Optional.of(refusal("The address contains a NUL character (%00)"));
        }
        return Optional.empty();
    }

    static Response refusal(String detail) {
        return Problem.response(400, "Invalid request", detail + ", which no field can hold", List.of());
    }
}
