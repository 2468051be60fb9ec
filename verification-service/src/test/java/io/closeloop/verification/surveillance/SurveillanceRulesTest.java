package io.closeloop.verification.surveillance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class SurveillanceRulesTest {

    private static final Instant CLOSED = Instant.parse("2026-01-31T10:00:00Z");

    @Test
    void aRepeatWithinSixCalendarMonthsChallengesTheClosure() {
        assertThat(SurveillanceRules.withinWindow(CLOSED, Instant.parse("2026-07-31T10:00:00Z"), Period.ofMonths(6)))
                .isTrue();
        assertThat(SurveillanceRules.withinWindow(CLOSED, Instant.parse("2026-07-31T10:00:01Z"), Period.ofMonths(6)))
                .isFalse();
        assertThat(SurveillanceRules.withinWindow(CLOSED, Instant.parse("2026-02-01T00:00:00Z"), Period.ofMonths(1)))
                .isTrue();
    }
}
