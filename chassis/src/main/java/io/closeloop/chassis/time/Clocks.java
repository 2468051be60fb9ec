package io.closeloop.chassis.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Rules take their time from this clock, so tests can move it instead of sleeping. */
@ApplicationScoped
public class Clocks {

    /** A singleton, not a proxied bean, so {@link ClockResource} can tell a controllable clock by its type. */
    @Produces
    @DefaultBean
    @Singleton
    Clock clock(ClockConfig config) {
        return config.controllable() ? new ControllableClock() : Clock.systemUTC();
    }
}
