package io.closeloop.action.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closeloop.action.ActionConfig;
import io.closeloop.action.IsoWeek;
import io.closeloop.action.pack.ControlResult;
import io.closeloop.action.pack.Escalation;
import io.closeloop.action.plan.ActionStatus;
import io.closeloop.action.plan.CorrectiveAction;
import io.closeloop.action.plan.Plan;
import io.closeloop.action.plan.Strength;
import io.closeloop.action.register.Control;
import io.closeloop.action.register.Controls;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.chassis.security.SiteScope;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The monthly performance review of a leader, assembled from their weekly packs; a senior leader signs it off. */
@ApplicationScoped
public class Reviews {

    private final Controls controls;
    private final ActionConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    Reviews(Controls controls, ActionConfig config, ObjectMapper json, Clock clock) {
        this.controls = controls;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public record WeekValue(String week, boolean done, Double value, boolean breached, String exceptions) {
    }

    public record ActionProgress(UUID actionId, UUID planId, UUID incidentId, String site, String description,
            Strength strength, ActionStatus status, LocalDate dueOn, int consecutiveWeeks, int weeksToEmbed,
            String embeddedWeek, String indicator, Double baseline, List<WeekValue> trend, List<String> missedWeeks) {
    }

    public record ControlProgress(String controlId, int version, String name, String indicator, double threshold,
            String goodDirection, List<WeekValue> trend, List<String> missedWeeks) {
    }

    public record Content(String leader, String month, List<String> weeks, List<ActionProgress> correctiveActions,
            List<ControlProgress> controls, int missedChecks, int breaches, int escalations) {
    }

    public record SignOff(String by, Instant at, String comment) {
    }

    public record Review(Content content, SignOff signOff) {
    }

    public Review get(String leader, YearMonth month, SiteScope scope) {
        return signed(leader, month).map(this::read).orElseGet(() -> new Review(assemble(leader, month, scope), null));
    }

    @Transactional
    public Review signOff(String leader, YearMonth month, String by, String comment) {
        if (leader.equals(by)) {
            throw RuleViolation.unprocessable("A leader's review is signed off by their senior leader, not by them");
        }
        if (!month.isBefore(YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)))) {
            throw RuleViolation.unprocessable("The review of " + month + " is signed off once the month is over");
        }
        if (signed(leader, month).isPresent()) {
            throw RuleViolation.conflict("The review of " + leader + " for " + month + " is already signed off");
        }
        PerformanceReview review = new PerformanceReview();
        review.id = UUID.randomUUID();
        review.leader = leader;
        review.month = month.toString();
        review.signedOffBy = by;
        review.signedOffAt = clock.instant();
        review.comment = comment;
        try {
            review.content = json.writeValueAsString(assemble(leader, month, SiteScope.ALL));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A review is plain records and always serializes", e);
        }
        review.persist();
        return read(review);
    }

    Content assemble(String leader, YearMonth month, SiteScope scope) {
        List<IsoWeek> weeks = ReviewRules.weeksOf(month);
        List<String> weekNames = weeks.stream().map(IsoWeek::toString).toList();
        IsoWeek current = IsoWeek.of(clock.instant());
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("owner", leader);
        params.put("statuses", List.of(ActionStatus.ACTIVE, ActionStatus.EMBEDDED, ActionStatus.LAPSED));
        List<CorrectiveAction> actions = CorrectiveAction.list("owner = :owner and status in :statuses and planId in "
                + "(select p.id from Plan p where " + scope.condition("p.site") + ")", Sort.ascending("createdAt"),
                params);
        List<ActionProgress> progress = new ArrayList<>();
        int missed = 0;
        int breaches = 0;
        for (CorrectiveAction a : actions) {
            Plan plan = Plan.findById(a.planId);
            List<ControlResult> results = ControlResult.list("actionId = ?1 and cycle = ?2", Sort.ascending("isoWeek"),
                    a.id, a.cycle);
            List<IsoWeek> done = results.stream().filter(r -> r.done).map(r -> IsoWeek.parse(r.isoWeek)).toList();
            IsoWeek from = IsoWeek.parse(a.activeFromWeek);
            List<String> missedWeeks = ReviewRules.missed(weeks, w -> !w.isBefore(from), done, current).stream()
                    .map(IsoWeek::toString).toList();
            List<WeekValue> trend = inMonth(results, weekNames);
            missed += missedWeeks.size();
            breaches += (int) trend.stream().filter(WeekValue::breached).count();
            progress.add(new ActionProgress(a.id, plan.id, plan.incidentId, plan.site, a.description, a.strength,
                    a.status, a.dueOn, ReviewRules.currentRun(done), config.embeddingWeeks(), a.embeddedWeek,
                    a.indicator, a.baseline, trend, missedWeeks));
        }
        List<ControlProgress> bau = new ArrayList<>();
        for (Control c : controls.monitoredBy(leader)) {
            if (c.sites.stream().noneMatch(scope::includes)) {
                continue;
            }
            List<ControlResult> results = ControlResult.list("controlId = ?1 and owner = ?2 and isoWeek in ?3",
                    Sort.ascending("isoWeek"), c.id, leader, weekNames);
            List<IsoWeek> done = results.stream().filter(r -> r.done).map(r -> IsoWeek.parse(r.isoWeek)).toList();
            List<String> missedWeeks = ReviewRules.missed(weeks, c.frequency::dueIn, done, current).stream()
                    .map(IsoWeek::toString).toList();
            List<WeekValue> trend = inMonth(results, weekNames);
            missed += missedWeeks.size();
            breaches += (int) trend.stream().filter(WeekValue::breached).count();
            bau.add(new ControlProgress(c.id, c.version, c.name, c.indicatorName, c.indicatorThreshold,
                    c.goodDirection.name(), trend, missedWeeks));
        }
        long escalations = weekNames.isEmpty() ? 0 : Escalation.count("owner = ?1 and isoWeek in ?2", leader,
                weekNames);
        return new Content(leader, month.toString(), weekNames, progress, bau, missed, breaches, (int) escalations);
    }

    private static List<WeekValue> inMonth(List<ControlResult> results, List<String> weeks) {
        return results.stream().filter(r -> weeks.contains(r.isoWeek))
                .map(r -> new WeekValue(r.isoWeek, r.done, r.value, r.breached, r.exceptions)).toList();
    }

    private static Optional<PerformanceReview> signed(String leader, YearMonth month) {
        return PerformanceReview.find("leader = ?1 and month = ?2", leader, month.toString()).firstResultOptional();
    }

    private Review read(PerformanceReview review) {
        try {
            return new Review(json.readValue(review.content, Content.class),
                    new SignOff(review.signedOffBy, review.signedOffAt, review.comment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored review " + review.id + " is unreadable", e);
        }
    }
}
