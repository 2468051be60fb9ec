package io.closeloop.action.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.action.IsoWeek;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReviewRulesTest {

    private static List<IsoWeek> weeks(String... names) {
        return Stream.of(names).map(IsoWeek::parse).toList();
    }

    @Test
    void aMonthHoldsTheWeeksWhoseThursdayFallsInIt() {
        assertThat(ReviewRules.weeksOf(YearMonth.of(2026, 11)).stream().map(IsoWeek::toString))
                .as("W44 has its Thursday in October").containsExactly("2026-W45", "2026-W46", "2026-W47", "2026-W48");
        assertThat(ReviewRules.weeksOf(YearMonth.of(2026, 12)).stream().map(IsoWeek::toString))
                .containsExactly("2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53");
        assertThat(ReviewRules.weeksOf(YearMonth.of(2027, 1))).first().hasToString("2027-W01");
    }

    @Test
    void aMissedCheckIsADueWeekThatIsOverWithoutADoneResult() {
        var month = weeks("2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48");
        IsoWeek activeFrom = IsoWeek.parse("2026-W45");
        assertThat(ReviewRules.missed(month, w -> !w.isBefore(activeFrom), weeks("2026-W45", "2026-W47"),
                IsoWeek.parse("2026-W48"))).containsExactly(IsoWeek.parse("2026-W46"));
    }

    @Test
    void theCurrentRunCountsBackFromTheLatestResult() {
        assertThat(ReviewRules.currentRun(weeks("2026-W40", "2026-W42", "2026-W43", "2026-W44"))).isEqualTo(3);
        assertThat(ReviewRules.currentRun(List.of())).isZero();
    }
}
