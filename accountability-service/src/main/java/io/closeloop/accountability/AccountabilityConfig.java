package io.closeloop.accountability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "closeloop.accountability")
public interface AccountabilityConfig {

    /** Working days an owner has to acknowledge a control failure. */
    @WithDefault("5")
    int acknowledgeWithinWorkingDays();

    Escalation escalation();

    interface Escalation {

        /** How long after going to the senior leader an unanswered accountability goes to the board. */
        @WithDefault("P5D")
        Duration boardAfter();

        /** How often the scheduler looks for overdue accountabilities; {@code off} disables it. */
        @WithDefault("1m")
        String every();
    }
}
