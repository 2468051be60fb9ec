package io.closeloop.chassis.time;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "closeloop.clock")
public interface ClockConfig {

    /**
     * Lets a senior leader move this service's clock forward through {@code /clock}: for end-to-end runs that must
     * see a week or a due date pass. Off by default, and never on in a deployment.
     */
    @WithDefault("false")
    boolean controllable();
}
