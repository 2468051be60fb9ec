package io.closeloop.accountability.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.accountability.AccountabilityStatus;
import io.closeloop.accountability.indicators.IndicatorRules.Sample;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IndicatorRulesTest {

    private static final Instant NOV = Instant.parse("2026-11-02T09:00:00Z");
    private static final LocalDate DUE = LocalDate.of(2026, 11, 9);
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static Sample acknowledged(String site, UUID incident, Instant reviewed, Duration after) {
        return new Sample(site, incident, reviewed, reviewed, reviewed.plus(after), DUE,
                AccountabilityStatus.ACKNOWLEDGED);
    }

    private static Sample open(String site, UUID incident, Instant reviewed) {
        return new Sample(site, incident, reviewed, reviewed, null, DUE, AccountabilityStatus.OPEN);
    }

    @Test
    void sharesMediansAndOverduePerSiteAndMonth() {
        UUID complete = UUID.randomUUID();
        UUID halfDone = UUID.randomUUID();
        UUID southIncident = UUID.randomUUID();
        UUID december = UUID.randomUUID();
        List<IndicatorRules.SiteMonth> months = IndicatorRules.compute(List.of(
                acknowledged("north", complete, NOV, Duration.ofDays(1)),
                acknowledged("north", complete, NOV, Duration.ofDays(2)),
                acknowledged("north", halfDone, NOV, Duration.ofDays(10)),
                open("north", halfDone, NOV),
                acknowledged("north", december, Instant.parse("2026-12-01T00:00:00Z"), Duration.ofHours(12)),
                open("south", southIncident, NOV)), TODAY);

        assertThat(months).extracting(IndicatorRules.SiteMonth::site, IndicatorRules.SiteMonth::month)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("north", YearMonth.of(2026, 11)),
                        org.assertj.core.groups.Tuple.tuple("north", YearMonth.of(2026, 12)),
                        org.assertj.core.groups.Tuple.tuple("south", YearMonth.of(2026, 11)));
        IndicatorRules.SiteMonth north = months.get(0);
        assertThat(north.reviewedIncidents()).isEqualTo(2);
        assertThat(north.incidentsWithAcknowledgedOwners()).isEqualTo(1);
        assertThat(north.acknowledgedShare()).isEqualByComparingTo("0.5");
        assertThat(north.medianDaysToAcknowledge()).isEqualByComparingTo("2");
        // Acknowledged ten days after a review on the 2nd, past the 9th; and the one still open.
        assertThat(north.overdue()).isEqualTo(2);
        assertThat(months.get(1).medianDaysToAcknowledge()).isEqualByComparingTo("0.5");
        assertThat(months.get(1).acknowledgedShare()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(months.get(2).acknowledgedShare()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(months.get(2).medianDaysToAcknowledge()).isNull();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(IndicatorRules.median(List.of())).isNull();
        assertThat(IndicatorRules.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(IndicatorRules.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
    }

    @Test
    void aDischargedItemThatWasNeverAcknowledgedIsNotCountedOverdue() {
        Sample discharged = new Sample("north", UUID.randomUUID(), NOV, NOV, null, DUE,
                AccountabilityStatus.DISCHARGED);
        assertThat(IndicatorRules.wentOverdue(discharged, TODAY)).isFalse();
        assertThat(IndicatorRules.wentOverdue(open("north", UUID.randomUUID(), NOV), DUE)).isFalse();
    }
}
