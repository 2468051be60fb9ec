package io.closeloop.incident.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class RecurrenceRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void anEarlierIncidentWithinTheWindowIsRepeated() {
        assertThat(RecurrenceRules.repeats(Instant.parse("2025-11-29T10:00:00Z"), NOW, Period.ofMonths(12))).isTrue();
        assertThat(RecurrenceRules.repeats(Instant.parse("2025-11-27T10:00:00Z"), NOW, Period.ofMonths(12)))
                .isFalse();
        assertThat(RecurrenceRules.repeats(NOW.plusSeconds(1), NOW, Period.ofMonths(12))).isFalse();
    }
}
