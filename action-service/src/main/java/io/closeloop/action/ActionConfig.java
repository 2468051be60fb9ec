package io.closeloop.action;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "closeloop.action")
public interface ActionConfig {

    /** Consecutive weekly packs with a result before an action counts as embedded: sustained, not done once. */
    @WithDefault("4")
    int embeddingWeeks();

    /** Completed weeks in a row without a result, after embedding, before a control item lapses. */
    @WithDefault("2")
    int lapseWeeks();

    /** How many weeks back a leader may still record a result late (the current week is always open). */
    @WithDefault("4")
    int lateWeeks();

    /** How often the routine sweep looks for lapsed items and overdue actions. */
    @WithDefault("15m")
    String sweepEvery();

    Escalation escalation();

    interface Escalation {

        /** How long after going to the senior leader an overdue action goes to the board. */
        @WithDefault("P5D")
        Duration boardAfter();
    }
}
