package io.closeloop.action.pack;

import io.closeloop.action.IsoWeek;
import io.closeloop.action.register.GoodDirection;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.util.List;
import java.util.UUID;

/** The weekly control pack of a leader: {@code week} is an ISO week such as 2026-W48, or {@code current}. */
@Path("/packs")
@Produces(MediaType.APPLICATION_JSON)
public class PackResource {

    private final Packs packs;
    private final Caller caller;

    PackResource(Packs packs, Caller caller) {
        this.packs = packs;
        this.caller = caller;
    }

    public record ResultRequest(UUID actionId, @Size(max = 100) String controlId, @NotNull Boolean done,
            Double value, @Size(max = 4000) String exceptions) {
    }

    public record ResultView(UUID id, String week, UUID actionId, String controlId, Integer controlVersion,
            boolean done, Double value, String exceptions, boolean breached, String recordedBy, Instant recordedAt) {

        static ResultView of(ControlResult r) {
            return r == null ? null : new ResultView(r.id, r.isoWeek, r.actionId, r.controlId, r.controlVersion,
                    r.done, r.value, r.exceptions, r.breached, r.recordedBy, r.recordedAt);
        }
    }

    public record IndicatorView(String name, String unit, Double threshold, GoodDirection goodDirection,
            Double baseline) {
    }

    public record ItemView(Packs.ItemType type, UUID actionId, UUID planId, UUID incidentId, String controlId,
            Integer controlVersion, String site, String whatToCheck, IndicatorView indicator, String status,
            ResultView result) {

        static ItemView of(Packs.Item i) {
            return new ItemView(i.type(), i.actionId(), i.planId(), i.incidentId(), i.controlId(), i.controlVersion(),
                    i.site(), i.whatToCheck(), new IndicatorView(i.indicator(), i.unit(), i.threshold(),
                            i.goodDirection(), i.baseline()), i.status(), ResultView.of(i.result()));
        }
    }

    public record PackView(String owner, String week, String weekStarts, String weekEnds, int items, int recorded,
            List<ItemView> controlItems) {
    }

    @GET
    @Path("/{week}")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public PackView get(@PathParam("week") String week, @QueryParam("owner") String owner) {
        String of = owner == null ? caller.username() : owner;
        if (!of.equals(caller.username()) && !caller.seesAllSites()) {
            throw RuleViolation.unprocessable("A leader sees their own pack; senior leaders and auditors see any",
                    List.of(new Problem.FieldError("owner", "not you")));
        }
        IsoWeek isoWeek = week(week);
        List<ItemView> items = packs.assemble(of, isoWeek).stream().map(ItemView::of).toList();
        return new PackView(of, isoWeek.toString(), isoWeek.monday().toString(), isoWeek.sunday().toString(),
                items.size(), (int) items.stream().filter(i -> i.result() != null).count(), items);
    }

    /** The leader records one item of their own pack, for this week or, late, for an earlier one. */
    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{week}/results")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public Response record(@PathParam("week") String week, @NotNull @Valid ResultRequest request) {
        if ((request.actionId() == null) == (request.controlId() == null)) {
            throw RuleViolation.unprocessable("A result is for one item: give actionId or controlId",
                    List.of(new Problem.FieldError("actionId", "exactly one of actionId and controlId")));
        }
        Packs.Result result = new Packs.Result(request.done(), request.value(), request.exceptions());
        ControlResult recorded = request.actionId() != null
                ? packs.recordForAction(caller.username(), week(week), request.actionId(), result)
                : packs.recordForControl(caller.username(), week(week), request.controlId(), result);
        return Response.status(Response.Status.CREATED).entity(ResultView.of(recorded)).build();
    }

    private IsoWeek week(String week) {
        if ("current".equals(week)) {
            return packs.currentWeek();
        }
        try {
            return IsoWeek.parse(week);
        } catch (IllegalArgumentException e) {
            throw RuleViolation.unprocessable(e.getMessage(), List.of(new Problem.FieldError("week", "not an ISO week")));
        }
    }
}
