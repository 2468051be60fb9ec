package io.closeloop.accountability.oversight;

import io.closeloop.accountability.Accountabilities;
import io.closeloop.accountability.AccountabilityResource.AccountabilityView;
import io.closeloop.accountability.AccountabilityResource.HistoryView;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.Caller;
import io.closeloop.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class OversightResource {

    private final Oversight oversight;
    private final Accountabilities accountabilities;
    private final Caller caller;

    OversightResource(Oversight oversight, Accountabilities accountabilities, Caller caller) {
        this.oversight = oversight;
        this.accountabilities = accountabilities;
        this.caller = caller;
    }

    public record MyAccountabilities(Page<AccountabilityView> open, Page<AccountabilityView> overdue,
            Page<AccountabilityView> disputed, Page<AccountabilityView> acknowledged) {
    }

    public record RegisterEntryView(AccountabilityView accountability, List<HistoryView> history) {
    }

    /** A leader's work list: open (overdue included), overdue, disputed and acknowledged, first page of each. */
    @GET
    @Path("my-accountabilities")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER})
    public MyAccountabilities mine(@QueryParam("size") Integer size) {
        LocalDate today = accountabilities.today();
        Oversight.Mine mine = oversight.mine(caller.username(), caller.siteScope(), Page.size(size));
        return new MyAccountabilities(mine.open().map(a -> AccountabilityView.of(a, today)),
                mine.overdue().map(a -> AccountabilityView.of(a, today)),
                mine.disputed().map(a -> AccountabilityView.of(a, today)),
                mine.acknowledged().map(a -> AccountabilityView.of(a, today)));
    }

    /** Counts per site and status, and how many are overdue. */
    @GET
    @Path("site-summaries")
    @RolesAllowed({Roles.LEADER, Roles.SENIOR_LEADER, Roles.AUDITOR})
    public List<Oversight.SiteSummary> bySite() {
        return oversight.bySite(caller.siteScope());
    }

    /** Who owned what, what they answered, and every step on the way, by review date. */
    @GET
    @Path("register")
    @RolesAllowed({Roles.AUDITOR, Roles.SENIOR_LEADER})
    public Page<RegisterEntryView> register(@QueryParam("site") String site, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        LocalDate today = accountabilities.today();
        return oversight.register(caller.siteScope(), site, from, to, Page.index(page), Page.size(size))
                .map(e -> new RegisterEntryView(AccountabilityView.of(e.accountability(), today),
                        e.history().stream().map(HistoryView::of).toList()));
    }
}
