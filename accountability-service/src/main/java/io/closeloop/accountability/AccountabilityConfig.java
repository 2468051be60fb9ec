package io.closeloop.accountability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "closeloop.accountability")
public interface AccountabilityConfig {

    /** Working days an owner has to acknowledge a control failure. */
    @WithDefault("5")
    int acknowledgeWithinWorkingDays();
}
