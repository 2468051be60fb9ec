package io.closeloop.incident.intake;

import io.closeloop.chassis.inbox.RejectedEvent;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.incident.IncidentConfig;
import io.closeloop.incident.recurrence.Recurrence;
import io.closeloop.incident.stage.IncidentHistory;
import io.closeloop.incident.stage.Stage;
import io.closeloop.incident.triage.Triage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stores a site's report once per site and reference; a newer version updates it, the same version again is a no-op,
 * and the same version with other content is rejected.
 */
@ApplicationScoped
public class IncidentIntake {

    private final IncidentConfig config;
    private final Triage triage;
    private final Recurrence recurrence;
    private final Clock clock;

    IncidentIntake(IncidentConfig config, Recurrence recurrence, Clock clock) {
        this.config = config;
        this.triage = new Triage(config.triage().fullReviewFrom(), config.triage().dueWithinDays());
        this.recurrence = recurrence;
        this.clock = clock;
    }

    /** @param topic the topic it came from, or null when entered by hand */
    @Transactional(Transactional.TxType.MANDATORY)
    public Incident receive(IncidentReported report, String topic, String actor) {
        List<IntakeRules.Violation> violations = IntakeRules.violations(report, topic, config.sites(),
                clock.instant());
        if (!violations.isEmpty()) {
            throw new RejectedEvent(violations.getFirst().code(),
                    violations.stream().map(IntakeRules.Violation::message).collect(Collectors.joining("; ")));
        }
        long version = report.version() == null ? 0 : report.version();
        var id = Incident.idOf(report.site(), report.siteReference());
        Incident existing = Incident.findById(id);
        if (existing == null) {
            Incident incident = new Incident();
            incident.id = id;
            incident.apply(report, version);
            incident.stage = Stage.REVIEW;
            incident.reportedBy = actor;
            incident.receivedAt = clock.instant();
            incident.updatedAt = incident.receivedAt;
            var decision = triage.decide(report.harmLevel(), LocalDate.ofInstant(incident.reportedAt, ZoneOffset.UTC));
            incident.reviewLevel = decision.level();
            incident.reviewDueOn = decision.dueOn();
            incident.persist();
            IncidentHistory.append(id, incident.receivedAt, actor, "incident-service",
                    "Reported by site " + report.site() + " as " + report.siteReference() + "; "
                            + decision.level() + " review due " + decision.dueOn());
            recurrence.onReported(incident);
            return incident;
        }
        if (version == existing.version && !existing.sameContentAs(report)) {
            // A site that changes a report must raise its version; otherwise which text is the record is a guess.
            throw new RejectedEvent("conflicting-duplicate", "version " + version + " of " + report.key()
                    + " is already stored with other content; a changed report needs a higher version");
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
