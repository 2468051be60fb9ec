package io.closeloop.verification.report;

import io.closeloop.verification.Check;
import io.closeloop.verification.CheckMethod;
import io.closeloop.verification.Target;
import io.closeloop.verification.Verification;
import io.closeloop.verification.findings.ReviewedIncident;
import io.closeloop.verification.history.HistoryEntry;
import io.closeloop.verification.surveillance.Challenge;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Everything the closure report shows, already worded and formatted: the template only lays it out. */
@TemplateData
public record ClosureReport(String incidentId, String site, String siteReference, String standing,
        String generatedAt, String generatedBy, Review review, List<Cycle> cycles, List<ChallengeRow> challenges,
        List<Step> history) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @TemplateData
    public record Review(String category, String harmLevel, String reviewer, String approvedBy, String approvedAt,
            List<FindingRow> findings) {
    }

    @TemplateData
    public record FindingRow(String controlId, String controlName, String failureMode, String evidence,
            String owner) {
    }

    @TemplateData
    public record Cycle(int number, String openedBecause, String openedAt, String status, String decidedBy,
            String decidedAt, String decision, String challengedAt, List<ActionRow> actions, List<CheckRow> checks) {
    }

    @TemplateData
    public record ActionRow(String controlName, String owner, String action, String indicator, String baseline) {
    }

    @TemplateData
    public record CheckRow(String id, String method, String controlName, String criterion, List<String> criteria,
            List<String> checklist, String plannedBy, String plannedAt, String verdict, String tally,
            List<ResultRow> results) {
    }

    @TemplateData
    public record ResultRow(String reference, String outcome, String notes, String evidence, String recordedBy,
            String recordedAt) {
    }

    @TemplateData
    public record ChallengeRow(String repeatIncidentId, String challengedAt, String withinWindow, String reason) {
    }

    @TemplateData
    public record Step(String at, String actor, String kind, String detail) {
    }

    static ClosureReport of(List<Verification> cycles, ReviewedIncident reviewed, List<Challenge> challenges,
            List<HistoryEntry> history, Instant now, String reader) {
        Verification latest = cycles.get(cycles.size() - 1);
        Map<UUID, Verification> byId = cycles.stream()
                .collect(Collectors.toMap(v -> v.id, Function.identity()));
        return new ClosureReport(latest.incidentId.toString(), latest.site,
                reviewed == null ? null : reviewed.siteReference, standing(cycles), when(now), reader,
                reviewed == null ? null : review(reviewed),
                cycles.stream().map(ClosureReport::cycle).toList(),
                challenges.stream().map(c -> new ChallengeRow(c.repeatIncidentId.toString(), when(c.challengedAt),
                        c.withinWindow ? "yes: the closure was challenged and verification reopened"
                                : "no: counted, the closure stands", c.reason)).toList(),
                history.stream().map(h -> new Step(when(h.at), h.actor, kindOf(h, byId), h.detail)).toList());
    }

    private static String standing(List<Verification> cycles) {
        Verification latest = cycles.get(cycles.size() - 1);
        boolean challenged = cycles.stream().anyMatch(v -> v.challengedAt != null);
        String now = switch (latest.status) {
            case CLOSED -> "Closed on " + when(latest.decidedAt) + ", signed off by " + latest.decidedBy;
            case REJECTED -> "Verification rejected on " + when(latest.decidedAt) + ": back with corrective action";
            case OPEN -> "Verification in progress (cycle " + latest.cycle + ")";
        };
        return challenged ? now + ". An earlier closure was challenged by a repeat incident." : now;
    }

    private static Review review(ReviewedIncident r) {
        return new Review(r.category, r.harmLevel, r.reviewer, r.approvedBy, when(r.approvedAt),
                r.findings.stream().map(f -> new FindingRow(f.controlId, f.controlName, f.failureMode, f.evidence,
                        f.owner)).toList());
    }

    private static Cycle cycle(Verification v) {
        Map<UUID, Target> targets = v.targets.stream()
                .collect(Collectors.toMap(t -> t.controlFailureId, Function.identity(), (a, b) -> a));
        return new Cycle(v.cycle, v.openedBecause == null ? "" : v.openedBecause.name().toLowerCase(Locale.ROOT),
                when(v.openedAt), v.status.name(), v.decidedBy, when(v.decidedAt), v.decision,
                when(v.challengedAt),
                v.targets.stream().map(t -> new ActionRow(t.controlName, t.owner, t.action, t.indicator,
                        t.baseline == null ? "none sent" : number(t.baseline))).toList(),
                v.checks.stream().map(c -> check(c, targets.get(c.controlFailureId))).toList());
    }

    private static CheckRow check(Check c, Target target) {
        List<String> criteria = new ArrayList<>();
        criteria.add(String.format(Locale.ROOT, "%d %s", c.plannedCount,
                c.method == CheckMethod.OBSERVE ? "observation(s)" : "case(s) or record(s)"));
        if (c.periodStart != null) {
            criteria.add("period " + c.periodStart + " to " + c.periodEnd);
        }
        if (c.baseline != null) {
            criteria.add("baseline " + number(c.baseline) + " from stage 3, required improvement "
                    + number(c.requiredImprovement));
        }
        criteria.add("passes when the Wilson 95% lower bound of the pass rate reaches " + number(c.passThreshold));
        var t = c.tally();
        String tally = String.format(Locale.ROOT, "%d of %d recorded, %d passed (%.1f%%), lower bound %.3f",
                t.recorded(), t.planned(), t.passed(), 100 * t.passRate(), t.lowerBound());
        return new CheckRow(c.id.toString(), c.method.name(), target == null ? "" : target.controlName, c.criterion,
                criteria, List.copyOf(c.checklist), c.plannedBy, when(c.plannedAt),
                c.superseded() ? "SUPERSEDED by " + c.supersededBy : c.verdict().name(), tally,
                c.results.stream().map(r -> new ResultRow(r.reference, r.passed ? "pass" : "fail", r.notes,
                        evidence(r.evidenceSource, r.evidenceLocator, r.evidenceCapturedOn), r.recordedBy,
                        when(r.recordedAt))).toList());
    }

    private static String evidence(String source, String locator, LocalDate capturedOn) {
        List<String> parts = new ArrayList<>();
        if (source != null) {
            parts.add(source);
        }
        if (locator != null) {
            parts.add(locator);
        }
        if (capturedOn != null) {
            parts.add("captured " + capturedOn);
        }
        return String.join(", ", parts);
    }

    private static String kindOf(HistoryEntry h, Map<UUID, Verification> cycles) {
        Verification v = cycles.get(h.verificationId);
        return (v == null ? "" : "cycle " + v.cycle + ": ") + h.kind.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String when(Instant instant) {
        return instant == null ? null : WHEN.format(instant);
    }
}
