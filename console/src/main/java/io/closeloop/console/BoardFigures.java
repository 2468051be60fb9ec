package io.closeloop.console;

import io.quarkus.qute.TemplateData;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The board's assurance figures per month for one site (or all), computed from what the stage services report. Plain
 * Java: the rules are unit-tested without services.
 */
public final class BoardFigures {

    public record IncidentFact(String site, Instant reportedAt, boolean repeat, String stage,
            Instant verifiedClosedAt, Instant updatedAt) {
    }

    public record PlanFact(String site, boolean weakOnly, Instant submittedAt) {
    }

    public record ChallengeFact(String site, Instant challengedAt) {
    }

    /** Stage 2's indicator for one site and month: incidents reviewed, and those with every owner acknowledged. */
    public record OwnershipFact(String site, YearMonth month, long reviewedIncidents, long withAcknowledgedOwners) {
    }

    public record OverdueFact(String site, String owner, String what) {
    }

    /** One month's figures; shares and days are null when there is nothing to measure. */
    @TemplateData
    public record Month(YearMonth month, long reported, long repeats, Double repeatRate, long closures,
            long verifiedClosures, Double verifiedShare, Double medianDaysToVerifiedClosure, long challenged,
            Double acknowledgedOwnerShare, long plansSubmitted, Double weakOnlyShare) {
    }

    @TemplateData
    public record OverdueRow(String site, String owner, long accountabilities, long actions) {
        public long total() {
            return accountabilities + actions;
        }
    }

    private BoardFigures() {
    }

    public static List<Month> months(YearMonth from, YearMonth to, String site, List<IncidentFact> incidents,
            List<PlanFact> plans, List<ChallengeFact> challenges, List<OwnershipFact> ownership) {
        List<Month> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            YearMonth month = m;
            Predicate<String> atSite = s -> site == null || site.isBlank() || site.equals(s);
            List<IncidentFact> reported = incidents.stream()
                    .filter(i -> atSite.test(i.site()) && in(i.reportedAt(), month)).toList();
            long repeats = reported.stream().filter(IncidentFact::repeat).count();
            List<IncidentFact> closed = incidents.stream().filter(i -> atSite.test(i.site())
                    && "CLOSED".equals(i.stage()) && in(closedAt(i), month)).toList();
            List<Double> days = closed.stream().filter(i -> i.verifiedClosedAt() != null)
                    .map(i -> Duration.between(i.reportedAt(), i.verifiedClosedAt()).toMinutes() / 1440.0)
                    .sorted().toList();
            long challenged = challenges.stream()
                    .filter(c -> atSite.test(c.site()) && in(c.challengedAt(), month)).count();
            long reviewed = 0;
            long owned = 0;
            for (OwnershipFact o : ownership) {
                if (atSite.test(o.site()) && o.month().equals(month)) {
                    reviewed += o.reviewedIncidents();
                    owned += o.withAcknowledgedOwners();
                }
            }
            List<PlanFact> submitted = plans.stream()
                    .filter(p -> atSite.test(p.site()) && in(p.submittedAt(), month)).toList();
            long weakOnly = submitted.stream().filter(PlanFact::weakOnly).count();
            months.add(new Month(month, reported.size(), repeats, share(repeats, reported.size()), closed.size(),
                    days.size(), share(days.size(), closed.size()), median(days), challenged, share(owned, reviewed),
                    submitted.size(), share(weakOnly, submitted.size())));
        }
        return months;
    }

    /** Overdue accountabilities and actions per leader and site, most first. */
    public static List<OverdueRow> overdue(String site, List<OverdueFact> items) {
        Map<List<String>, long[]> counts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (OverdueFact item : items) {
            if (site == null || site.isBlank() || site.equals(item.site())) {
                long[] c = counts.computeIfAbsent(List.of(item.site(), item.owner()), k -> new long[2]);
                c["action".equals(item.what()) ? 1 : 0]++;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new OverdueRow(e.getKey().get(0), e.getKey().get(1), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(OverdueRow::total).reversed())
                .toList();
    }

    /** Verified closures close at sign-off; an incident closed at review closes when its stage last changed. */
    private static Instant closedAt(IncidentFact i) {
        return i.verifiedClosedAt() != null ? i.verifiedClosedAt() : i.updatedAt();
    }

    private static boolean in(Instant at, YearMonth month) {
        return at != null && YearMonth.from(at.atZone(ZoneOffset.UTC)).equals(month);
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
