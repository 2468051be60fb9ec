package io.closeloop.incident.intake;

import io.closeloop.chassis.events.InboundEvent;
import io.closeloop.chassis.inbox.RejectedEvent;
import io.closeloop.chassis.inbox.RejectedInBatch;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
        reject(report, topic);
        long version = versionOf(report);
        var id = Incident.idOf(report.site(), report.siteReference());
        Incident existing = Incident.findById(id);
        if (existing == null) {
            Incident incident = create(id, report, version, actor);
            incident.persist();
            IncidentHistory.append(id, incident.receivedAt, actor, "incident-service", reportedLine(incident));
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

    /**
     * A batch of reports from the sites' topics, in order, in one transaction: the same outcome as {@link #receive}
     * one by one, with a few statements for the whole batch instead of several per report. A batch that updates an
     * incident (a newer version, one incident reported twice, or a stored version sent with other content) takes the
     * one-by-one path.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receiveAll(List<InboundEvent<IncidentReported>> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                reject(events.get(i).data(), events.get(i).topic());
            } catch (RejectedEvent rejected) {
                throw new RejectedInBatch(i, rejected);
            }
        }
        List<UUID> ids = events.stream().map(e -> Incident.idOf(e.data().site(), e.data().siteReference())).toList();
        Map<UUID, Incident> existing = Incident.<Incident>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(incident -> incident.id, incident -> incident));
        // An id is a name-based UUID (an MD5 digest): computed once per report, not once per use.
        boolean updates = new HashSet<>(ids).size() < ids.size() || IntStream.range(0, events.size()).anyMatch(i -> {
            Incident stored = existing.get(ids.get(i));
            IncidentReported report = events.get(i).data();
            return stored != null && (versionOf(report) > stored.version
                    || versionOf(report) == stored.version && !stored.sameContentAs(report));
        });
        if (updates) {
            for (int i = 0; i < events.size(); i++) {
                InboundEvent<IncidentReported> event = events.get(i);
                try {
                    receive(event.data(), event.topic(), actorOf(event));
                } catch (RejectedEvent rejected) {
                    throw new RejectedInBatch(i, rejected);
                }
            }
            return;
        }
        List<Incident> created = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!existing.containsKey(ids.get(i))) {
                IncidentReported report = events.get(i).data();
                created.add(create(ids.get(i), report, versionOf(report), actorOf(events.get(i))));
            }
        }
        if (created.isEmpty()) {
            return;
        }
        List<Recurrence.Repeat> repeats = recurrence.repeatsOf(created);
        repeats.forEach(repeat -> repeat.incident().isRepeat = true);
        Incident.insertAll(created);
        List<IncidentHistory.Line> history = new ArrayList<>(created.size() + repeats.size());
        created.forEach(incident -> history.add(new IncidentHistory.Line(incident.id, incident.receivedAt,
                incident.reportedBy, "incident-service", reportedLine(incident))));
        // The repeat lines come after every reported line: each incident's history still reads in order.
        history.addAll(recurrence.link(repeats));
        IncidentHistory.appendAll(history);
    }

    private void reject(IncidentReported report, String topic) {
        List<IntakeRules.Violation> violations = IntakeRules.violations(report, topic, config.sites(),
                clock.instant());
        if (!violations.isEmpty()) {
            throw new RejectedEvent(violations.getFirst().code(),
                    violations.stream().map(IntakeRules.Violation::message).collect(Collectors.joining("; ")));
        }
    }

    private Incident create(UUID id, IncidentReported report, long version, String actor) {
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
        return incident;
    }

    private static String reportedLine(Incident incident) {
        return "Reported by site " + incident.site + " as " + incident.siteReference + "; " + incident.reviewLevel
                + " review due " + incident.reviewDueOn;
    }

    private static long versionOf(IncidentReported report) {
        return report.version() == null ? 0 : report.version();
    }

    /** Who reported it: the site whose system published it. */
    public static String actorOf(InboundEvent<IncidentReported> event) {
        return "site:" + event.data().site();
    }
}
