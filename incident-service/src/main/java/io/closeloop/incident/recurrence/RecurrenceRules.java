package io.closeloop.incident.recurrence;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** When an earlier incident counts as the same conditions coming back. Plain Java. */
public final class RecurrenceRules {

    private RecurrenceRules() {
    }

    /** The earliest occurrence that an incident occurring at {@code occurredAt} can repeat. */
    public static Instant windowStart(Instant occurredAt, Period window) {
        return occurredAt.atZone(ZoneOffset.UTC).minus(window).toInstant();
    }

    public static boolean repeats(Instant earlier, Instant later, Period window) {
        return !earlier.isAfter(later) && !earlier.isBefore(windowStart(later, window));
    }
}
