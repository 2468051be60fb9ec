package io.closeloop.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoWeekTest {

    @Test
    void weeksCrossYearEndsTheIsoWay() {
        assertThat(IsoWeek.of(LocalDate.of(2026, 1, 1))).hasToString("2026-W01");
        assertThat(IsoWeek.of(LocalDate.of(2027, 1, 1))).hasToString("2026-W53");
        assertThat(IsoWeek.parse("2026-W53").next()).hasToString("2027-W01");
        assertThat(IsoWeek.parse("2027-W01").previous()).hasToString("2026-W53");
        assertThat(IsoWeek.parse("2026-W48").monday()).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void onlyRealWeeksParse() {
        assertThatThrownBy(() -> IsoWeek.parse("2025-W53")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsoWeek.parse("2026-48")).isInstanceOf(IllegalArgumentException.class);
        assertThat(IsoWeek.parse("2026-W09").isBefore(IsoWeek.parse("2026-W10"))).isTrue();
    }
}
