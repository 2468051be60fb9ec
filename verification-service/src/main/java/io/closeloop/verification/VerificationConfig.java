package io.closeloop.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;

@ConfigMapping(prefix = "closeloop.verification")
public interface VerificationConfig {

    /** How long after closure a linked repeat incident challenges the closure and reopens verification. */
    @WithDefault("P6M")
    Period challengeWindow();
}
