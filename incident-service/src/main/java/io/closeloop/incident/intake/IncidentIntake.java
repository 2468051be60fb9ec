package io.closeloop.incident.intake;

import io.closeloop.chassis.inbox.RejectedEvent;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.incident.IncidentConfig;
import io.closeloop.incident.stage.IncidentHistory;
import io.closeloop.incident.stage.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Stores a site's report once per site and reference; a newer version updates it, anything else is a no-op. */
@ApplicationScoped
public class IncidentIntake {

    private final IncidentConfig config;
    private final Clock clock;

    IncidentIntake(IncidentConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Incident receive(IncidentReported report, String topic, String actor) {
        List<String> violations = IntakeRules.violations(report, topic, config.sites(), clock.instant());
        if (!violations.isEmpty()) {
            throw new RejectedEvent(String.join("; ", violations));
        }
        long version = report.version() == null ? 0 : report.version();
        var id = Incident.idOf(report.site(), report.siteReference());
        Incident existing = Incident.findById(id);
        if (existing == null) {
            Incident incident = new Incident();
            incident.id = id;
            incident.apply(report, version);
            incident.stage = Stage.REVIEW;
            incident.receivedAt = clock.instant();
            incident.updatedAt = incident.receivedAt;
            incident.persist();
            IncidentHistory.append(id, incident.receivedAt, actor, "incident-service",
                    "Reported by site " + report.site() + " as " + report.siteReference());
            return incident;
        }
        if (version > existing.version) {
            existing.apply(report, version);
            existing.updatedAt = clock.instant();
            IncidentHistory.append(id, existing.updatedAt, actor, "incident-service",
                    "Report updated to version " + version);
        }
        return existing;
    }
}
