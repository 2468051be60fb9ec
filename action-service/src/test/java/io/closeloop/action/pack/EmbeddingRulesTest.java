package io.closeloop.action.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closeloop.action.IsoWeek;
import io.closeloop.chassis.problem.RuleViolation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EmbeddingRulesTest {

    private static List<IsoWeek> weeks(String... names) {
        return Stream.of(names).map(IsoWeek::parse).toList();
    }

    @Test
    void embeddedInTheWeekThatCompletesNConsecutiveWeeks() {
        assertThat(EmbeddingRules.embeddedAt(weeks("2026-W10", "2026-W11", "2026-W12", "2026-W13"), 4))
                .contains(IsoWeek.parse("2026-W13"));
        assertThat(EmbeddingRules.embeddedAt(weeks("2026-W13", "2026-W11", "2026-W10", "2026-W12"), 4))
                .as("recorded late, in any order").contains(IsoWeek.parse("2026-W13"));
        assertThat(EmbeddingRules.embeddedAt(weeks("2026-W52", "2026-W53", "2027-W01", "2027-W02"), 4))
                .as("across a year end").contains(IsoWeek.parse("2027-W02"));
    }

    @Test
    void aGapRestartsTheCount() {
        assertThat(EmbeddingRules.embeddedAt(weeks("2026-W10", "2026-W11", "2026-W12", "2026-W14"), 4)).isEmpty();
        assertThat(EmbeddingRules.embeddedAt(weeks("2026-W10", "2026-W12", "2026-W13", "2026-W14", "2026-W15"), 4))
                .contains(IsoWeek.parse("2026-W15"));
        assertThat(EmbeddingRules.embeddedAt(weeks("2026-W10"), 1)).contains(IsoWeek.parse("2026-W10"));
        assertThat(EmbeddingRules.embeddedAt(List.of(), 4)).isEmpty();
    }

    @Test
    void lapsedAfterTwoCompletedWeeksWithoutAResult() {
        IsoWeek embedded = IsoWeek.parse("2026-W13");
        var recorded = weeks("2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14");
        assertThat(EmbeddingRules.lapsed(embedded, recorded, IsoWeek.parse("2026-W16"), 2))
                .as("W15 missed, W16 still running").isEmpty();
        assertThat(EmbeddingRules.lapsed(embedded, recorded, IsoWeek.parse("2026-W17"), 2))
                .contains(IsoWeek.parse("2026-W14"));
        assertThat(EmbeddingRules.lapsed(embedded, weeks("2026-W13", "2026-W15", "2026-W17"),
                IsoWeek.parse("2026-W19"), 2)).as("single missed weeks never lapse").isEmpty();
        assertThat(EmbeddingRules.lapsed(embedded, weeks("2026-W13"), IsoWeek.parse("2026-W16"), 2))
                .contains(IsoWeek.parse("2026-W13"));
    }

    @Test
    void aLapsedItemRecoversWhenDoneResultsResumeFromTheWeekTheLapseWasFound() {
        IsoWeek lapsedIn = IsoWeek.parse("2026-W16");
        assertThat(EmbeddingRules.recovers(lapsedIn, IsoWeek.parse("2026-W16"), true)).isTrue();
        assertThat(EmbeddingRules.recovers(lapsedIn, IsoWeek.parse("2026-W17"), true)).isTrue();
        assertThat(EmbeddingRules.recovers(lapsedIn, IsoWeek.parse("2026-W15"), true))
                .as("a missed week filled in late").isFalse();
        assertThat(EmbeddingRules.recovers(lapsedIn, IsoWeek.parse("2026-W17"), false)).as("not done").isFalse();
    }

    @Test
    void afterRecoveryLapsesAreCountedFromTheRecoveryWeek() {
        IsoWeek embedded = IsoWeek.parse("2026-W13");
        IsoWeek recovered = IsoWeek.parse("2026-W16");
        IsoWeek after = EmbeddingRules.watchedAfter(embedded, recovered);
        assertThat(after).isEqualTo(recovered);
        assertThat(EmbeddingRules.watchedAfter(embedded, null)).isEqualTo(embedded);
        var recorded = weeks("2026-W12", "2026-W13", "2026-W16");
        assertThat(EmbeddingRules.lapsed(embedded, recorded, IsoWeek.parse("2026-W17"), 2))
                .as("the old gap, counted from embedding, would lapse it again").isPresent();
        assertThat(EmbeddingRules.lapsed(after, recorded, IsoWeek.parse("2026-W18"), 2)).isEmpty();
        assertThat(EmbeddingRules.lapsed(after, recorded, IsoWeek.parse("2026-W19"), 2))
                .contains(IsoWeek.parse("2026-W16"));
    }

    @Test
    void resultsAreForThisWeekOrUpToLateWeeksBack() {
        IsoWeek current = IsoWeek.parse("2026-W20");
        assertThatCode(() -> EmbeddingRules.checkRecordable(current, current, 4)).doesNotThrowAnyException();
        assertThatCode(() -> EmbeddingRules.checkRecordable(IsoWeek.parse("2026-W16"), current, 4))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> EmbeddingRules.checkRecordable(IsoWeek.parse("2026-W15"), current, 4))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("no longer");
        assertThatThrownBy(() -> EmbeddingRules.checkRecordable(IsoWeek.parse("2026-W21"), current, 4))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("not started");
    }
}
