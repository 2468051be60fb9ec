package io.closeloop.action.pack;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.action.IsoWeek;
import io.closeloop.action.register.Frequency;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which items a pack holds from week to week. */
class PackAssemblyTest {

    private static List<String> packsHolding(Frequency frequency, String from, String to) {
        return Stream.iterate(IsoWeek.parse(from), w -> !w.isAfter(IsoWeek.parse(to)), IsoWeek::next)
                .filter(frequency::dueIn).map(IsoWeek::toString).toList();
    }

    @Test
    void weeklyAndDailyControlsAreInEveryPack() {
        assertThat(packsHolding(Frequency.WEEKLY, "2026-W01", "2026-W05")).hasSize(5);
        assertThat(packsHolding(Frequency.DAILY, "2026-W50", "2027-W02")).hasSize(6);
    }

    @Test
    void monthlyControlsAreInTheWeekOfTheFirstAndQuarterlyInAQuartersFirst() {
        assertThat(packsHolding(Frequency.MONTHLY, "2026-W01", "2026-W18"))
                .containsExactly("2026-W01", "2026-W05", "2026-W09", "2026-W14", "2026-W18");
        assertThat(packsHolding(Frequency.QUARTERLY, "2026-W01", "2026-W53"))
                .as("W53 holds 1 January 2027").containsExactly("2026-W01", "2026-W14", "2026-W27", "2026-W40", "2026-W53");
    }

    @Test
    void anApprovedActionIsInEveryPackFromTheWeekOfApprovalAndNeverBefore() {
        IsoWeek activeFrom = IsoWeek.parse("2026-W20");
        assertThat(EmbeddingRules.inPack(IsoWeek.parse("2026-W20"), activeFrom)).isTrue();
        assertThat(EmbeddingRules.inPack(IsoWeek.parse("2026-W23"), activeFrom)).isTrue();
        assertThat(EmbeddingRules.inPack(IsoWeek.parse("2026-W19"), activeFrom)).isFalse();
    }
}
