package io.closeloop.verification.surveillance;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** When a repeat incident puts a closure in question. Plain Java. */
public final class SurveillanceRules {

    private SurveillanceRules() {
    }

    /** A repeat up to {@code window} after the closure challenges it; a later one is counted but the closure stands. */
    public static boolean withinWindow(Instant closedAt, Instant repeatAt, Period window) {
        return !repeatAt.isAfter(closedAt.atOffset(ZoneOffset.UTC).plus(window).toInstant());
    }
}
