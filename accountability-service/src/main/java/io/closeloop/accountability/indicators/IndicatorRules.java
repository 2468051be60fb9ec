package io.closeloop.accountability.indicators;

import io.closeloop.accountability.AccountabilityRules;
import io.closeloop.accountability.AccountabilityStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** Monthly leadership-accountability indicators per site. Plain Java. */
public final class IndicatorRules {

    private IndicatorRules() {
    }

    /** One accountability as the indicators see it. */
    public record Sample(String site, UUID incidentId, Instant reviewedAt, Instant openedAt, Instant acknowledgedAt,
            LocalDate dueOn, AccountabilityStatus status) {
    }

    /**
     * For the incidents reviewed in {@code month} at {@code site}: how many, the share whose every control failure
     * has an acknowledged owner, the median days from opening to acknowledgement, and how many accountabilities went
     * overdue.
     */
    public record SiteMonth(String site, YearMonth month, int reviewedIncidents, int incidentsWithAcknowledgedOwners,
            BigDecimal acknowledgedShare, BigDecimal medianDaysToAcknowledge, int overdue) {
    }

    public static List<SiteMonth> compute(List<Sample> samples, LocalDate today) {
        Map<String, Map<YearMonth, List<Sample>>> grouped = samples.stream().collect(Collectors.groupingBy(
                Sample::site, TreeMap::new,
                Collectors.groupingBy(s -> YearMonth.from(s.reviewedAt().atZone(ZoneOffset.UTC)), TreeMap::new,
                        Collectors.toList())));
        List<SiteMonth> months = new ArrayList<>();
        grouped.forEach((site, bySite) -> bySite.forEach((month, list) -> months.add(siteMonth(site, month, list,
                today))));
        return months;
    }

    private static SiteMonth siteMonth(String site, YearMonth month, List<Sample> samples, LocalDate today) {
        Map<UUID, List<Sample>> incidents = samples.stream().collect(Collectors.groupingBy(Sample::incidentId));
        int acknowledged = (int) incidents.values().stream()
                .filter(failures -> failures.stream().allMatch(s -> s.acknowledgedAt() != null)).count();
        List<Double> days = samples.stream().filter(s -> s.acknowledgedAt() != null)
                .map(s -> Duration.between(s.openedAt(), s.acknowledgedAt()).toMinutes() / (24.0 * 60)).toList();
        Double median = median(days);
        int overdue = (int) samples.stream().filter(s -> wentOverdue(s, today)).count();
        return new SiteMonth(site, month, incidents.size(), acknowledged,
                BigDecimal.valueOf(acknowledged).divide(BigDecimal.valueOf(incidents.size()), 4, RoundingMode.HALF_UP),
                median == null ? null : BigDecimal.valueOf(median).setScale(2, RoundingMode.HALF_UP), overdue);
    }

    /** Still unanswered after its due date, or acknowledged after it. */
    public static boolean wentOverdue(Sample s, LocalDate today) {
        if (s.acknowledgedAt() != null) {
            return LocalDate.ofInstant(s.acknowledgedAt(), ZoneOffset.UTC).isAfter(s.dueOn());
        }
        return AccountabilityRules.overdue(s.status(), s.dueOn(), today);
    }

    /** The middle value, or the mean of the two middle values; null for none. */
    public static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
