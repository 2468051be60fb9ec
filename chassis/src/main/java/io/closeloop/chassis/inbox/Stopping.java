package io.closeloop.chassis.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Whether the service has begun to stop. From then on a failure belongs to the shutdown, not to the record: Hibernate
 * and the connection pool close while the Kafka connector still delivers ("EntityManagerFactory is closed"). Such a
 * record is neither retried nor dead-lettered: it is left unacknowledged, so its offset is not committed and the next
 * instance receives it again.
 */
@ApplicationScoped
public class Stopping {

    private static final Logger LOG = Logger.getLogger(Stopping.class);

    private volatile boolean stopping;

    /**
     * SIGTERM starts every JVM shutdown hook at once, Quarkus' own among them, so this one is set before Hibernate
     * closes. It is registered at start-up: the JVM refuses a hook once shutdown has begun.
     */
    void onStart(@Observes StartupEvent event) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("closeloop-stopping")
                .unstarted(() -> stopping = true));
    }

    /** An application stopped without the JVM exiting. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public boolean now() {
        return stopping;
    }

    /** Says, at INFO, that {@code what} stays for the next start; the exception to throw so it is not acknowledged. */
    ServiceStopping leaveUnacknowledged(String consumer, String what, Throwable failure) {
        LOG.infof("%s leaves %s unacknowledged for the next start, the service is stopping: %s", consumer, what,
                Failures.describe(failure));
        return new ServiceStopping(consumer + " left " + what + " unacknowledged: the service is stopping", failure);
    }

    /** Thrown out of a consumer during shutdown, so that the connector neither acknowledges nor commits the record. */
    public static final class ServiceStopping extends IllegalStateException {
        ServiceStopping(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
