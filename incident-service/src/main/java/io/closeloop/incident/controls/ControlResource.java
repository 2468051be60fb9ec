package io.closeloop.incident.controls;

import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/controls")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    public record ControlView(String id, int version, String name, String type, List<String> sites,
            String monitoringOwner, String status) {

        static ControlView of(Control c) {
            return new ControlView(c.id, c.version, c.name, c.type, c.siteList(), c.monitoringOwner, c.status);
        }
    }

    /** Active controls that cover a site: the choices a reviewer has for a control failure. */
    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public List<ControlView> active(@QueryParam("site") String site) {
        return Control.<Control>list("status = 'ACTIVE' order by id").stream()
                .filter(c -> site == null || c.siteList().contains(site))
                .map(ControlView::of)
                .toList();
    }
}
