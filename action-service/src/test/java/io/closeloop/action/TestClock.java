package io.closeloop.action;

import io.closeloop.testing.MovableClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** The service's clock in component tests: Monday 2 March 2026 (ISO week 2026-W10), moved week by week. */
public class TestClock {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    public static final MovableClock CLOCK = new MovableClock(START);

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
