package io.closeloop.incident;

import io.closeloop.contracts.HarmLevel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;
import java.util.Map;
import java.util.Set;

@ConfigMapping(prefix = "closeloop.incident")
public interface IncidentConfig {

    /** Site codes allowed to report; a report from any other site is rejected. */
    Set<String> sites();

    Triage triage();

    /**
     * How many matching incidents the list counts before it answers "more than" ({@code totalExact: false}); the
     * count always reaches past the next page, so paging is unaffected.
     */
    @WithDefault("10000")
    long listCountLimit();

    /** How far back an incident looks for earlier incidents it repeats. */
    @WithDefault("P12M")
    Period recurrenceWindow();

    interface Triage {
        /** The lowest harm level that needs a full review; below it a concise review does. */
        @WithDefault("MODERATE")
        HarmLevel fullReviewFrom();

        /** Calendar days from report to review due date, per harm level. */
        Map<HarmLevel, Integer> dueWithinDays();
    }
}
