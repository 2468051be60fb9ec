package io.closeloop.accountability;

import io.closeloop.testing.MovableClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** The service's clock in component tests: due dates and escalations come by moving it, never by waiting. */
public class TestClock {

    public static final MovableClock CLOCK = new MovableClock(Instant.now());

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    Clock clock() {
        return CLOCK;
    }

    public static LocalDate today() {
        return LocalDate.now(CLOCK);
    }
}
