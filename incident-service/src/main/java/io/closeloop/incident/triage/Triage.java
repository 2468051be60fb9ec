package io.closeloop.incident.triage;

import io.closeloop.contracts.HarmLevel;
import java.time.LocalDate;
import java.util.Map;

/** The harm level sets the review level and the review's due date. Plain Java over the configured policy. */
public final class Triage {

    public record Decision(ReviewLevel level, LocalDate dueOn) {
    }

    private final HarmLevel fullReviewFrom;
    private final Map<HarmLevel, Integer> dueWithinDays;

    public Triage(HarmLevel fullReviewFrom, Map<HarmLevel, Integer> dueWithinDays) {
        this.fullReviewFrom = fullReviewFrom;
        this.dueWithinDays = Map.copyOf(dueWithinDays);
    }

    public Decision decide(HarmLevel harm, LocalDate reportedOn) {
        ReviewLevel level = harm.compareTo(fullReviewFrom) >= 0 ? ReviewLevel.FULL : ReviewLevel.CONCISE;
        Integer days = dueWithinDays.get(harm);
        if (days == null) {
            throw new IllegalStateException("No review due date is configured for harm level " + harm);
        }
        return new Decision(level, reportedOn.plusDays(days));
    }
}
