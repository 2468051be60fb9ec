package io.closeloop.incident.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.contracts.HarmLevel;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriageTest {

    private final Triage triage = new Triage(HarmLevel.MODERATE, Map.of(HarmLevel.NONE, 20, HarmLevel.LOW, 20,
            HarmLevel.MODERATE, 10, HarmLevel.SEVERE, 5, HarmLevel.DEATH, 3));
    private final LocalDate reported = LocalDate.of(2026, 11, 28);

    @Test
    void moderateHarmAndAboveNeedAFullReview() {
        assertThat(triage.decide(HarmLevel.LOW, reported)).isEqualTo(
                new Triage.Decision(ReviewLevel.CONCISE, LocalDate.of(2026, 12, 18)));
        assertThat(triage.decide(HarmLevel.MODERATE, reported).level()).isEqualTo(ReviewLevel.FULL);
        assertThat(triage.decide(HarmLevel.DEATH, reported)).isEqualTo(
                new Triage.Decision(ReviewLevel.FULL, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void thePolicyIsConfigurable() {
        Triage strict = new Triage(HarmLevel.LOW, Map.of(HarmLevel.LOW, 2));
        assertThat(strict.decide(HarmLevel.LOW, reported)).isEqualTo(
                new Triage.Decision(ReviewLevel.FULL, LocalDate.of(2026, 11, 30)));
    }
}
