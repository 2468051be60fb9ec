package io.closeloop.chassis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "closeloop.events")
public interface ChassisConfig {

    /** The CloudEvents source of every event this service publishes, e.g. {@code /services/incident-service}. */
    String source();

    Outbox outbox();

    Inbox inbox();

    interface Outbox {
        /** How often the relay looks for unsent rows when no commit has woken it. */
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("200")
        int batchSize();

        /** How long the relay waits for the broker to acknowledge a batch before it retries. */
        @WithDefault("30s")
        Duration sendTimeout();
    }

    interface Inbox {
        /** Attempts for a record whose handling fails for a reason other than an outage. */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();
    }
}
