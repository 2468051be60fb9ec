package io.closeloop.action.register;

import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/controls")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    private final Controls controls;
    private final Caller caller;

    ControlResource(Controls controls, Caller caller) {
        this.controls = controls;
        this.caller = caller;
    }

    public record Indicator(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 40) String unit,
            @NotNull Double threshold, @NotNull GoodDirection goodDirection) {
    }

    public record ControlRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull ControlType type,
            @NotEmpty Set<@Pattern(regexp = "[a-z0-9-]{1,40}") String> sites,
            @NotBlank @Size(max = 100) String monitoringOwner,
            Frequency frequency,
            @NotNull @Valid Indicator indicator) {

        Controls.Spec spec() {
            return new Controls.Spec(name, type, sites, monitoringOwner, frequency, indicator.name(),
                    indicator.unit(), indicator.threshold(), indicator.goodDirection());
        }
    }

    public record NewControl(
            @NotBlank @Pattern(regexp = "[A-Z0-9-]{3,100}") String id,
            @NotNull @Valid ControlRequest control) {
    }

    public record Revision(@NotNull @Valid ControlRequest control, @NotBlank @Size(max = 2000) String reason) {
    }

    public record Retirement(@NotBlank @Size(max = 2000) String reason) {
    }

    public record ControlView(String id, int version, String name, ControlType type, Set<String> sites,
            String monitoringOwner, Frequency frequency, Indicator indicator, ControlStatus status,
            Instant changedAt) {

        static ControlView of(Control c) {
            return new ControlView(c.id, c.version, c.name, c.type, Set.copyOf(c.sites), c.monitoringOwner,
                    c.frequency, new Indicator(c.indicatorName, c.indicatorUnit, c.indicatorThreshold,
                            c.goodDirection), c.status, c.changedAt);
        }
    }

    public record VersionView(int version, String name, ControlType type, List<String> sites, String monitoringOwner,
            Frequency frequency, Indicator indicator, ControlStatus status, String changeReason, String changedBy,
            Instant changedAt, UUID actionId) {

        static VersionView of(ControlVersion v) {
            return new VersionView(v.version, v.name, v.type, Arrays.asList(v.sites.split(",")), v.monitoringOwner,
                    v.frequency, new Indicator(v.indicatorName, v.indicatorUnit, v.indicatorThreshold,
                            v.goodDirection), v.status, v.changeReason, v.changedBy, v.changedAt, v.actionId);
        }
    }

    @GET
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public Page<ControlView> list(@QueryParam("site") String site, @QueryParam("type") ControlType type,
            @QueryParam("monitoringOwner") String owner, @QueryParam("status") ControlStatus status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return controls.list(caller.siteScope(), site, type, owner, status, Page.index(page), Page.size(size))
                .map(ControlView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public ControlView get(@PathParam("id") String id) {
        return ControlView.of(controls.visible(id, caller.siteScope()));
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.VERIFIER, Roles.AUDITOR})
    public List<VersionView> versions(@PathParam("id") String id) {
        controls.visible(id, caller.siteScope());
        return controls.history(id).stream().map(VersionView::of).toList();
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SENIOR_LEADER)
    public Response create(@NotNull @Valid NewControl request) {
        Control control = controls.create(request.id(), request.control().spec(), caller.username());
        return Response.status(Response.Status.CREATED).entity(ControlView.of(control)).build();
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/revisions")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public ControlView revise(@PathParam("id") String id, @NotNull @Valid Revision request) {
        return ControlView.of(controls.revise(id, request.control().spec(), request.reason(), caller.username()));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/retire")
    @RolesAllowed(Roles.SENIOR_LEADER)
    public ControlView retire(@PathParam("id") String id, @NotNull @Valid Retirement request) {
        return ControlView.of(controls.retire(id, request.reason(), caller.username()));
    }
}
