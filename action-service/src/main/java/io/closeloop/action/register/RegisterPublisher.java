package io.closeloop.action.register;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Puts the seeded register (written by a Flyway data migration, which cannot use the outbox) on the topic. */
@ApplicationScoped
public class RegisterPublisher {

    private static final Logger LOG = Logger.getLogger(RegisterPublisher.class);

    void onStart(@Observes StartupEvent start, Controls controls) {
        int published = controls.publishPending();
        if (published > 0) {
            LOG.infof("Published %d control(s) of the register", published);
        }
    }
}
