package io.closeloop.incident.intake;

import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Business rules a report must meet beyond its schema. Empty result: accept. */
public final class IntakeRules {

    /** Reports of long-past harm do come (safeguarding), but not from before care records existed: a typo. */
    static final Instant EARLIEST_OCCURRENCE = Instant.parse("1900-01-01T00:00:00Z");

    private IntakeRules() {
    }

    /** A broken rule: a stable code (a metric tag) and what exactly was wrong. */
    public record Violation(String code, String message) {
    }

    public static List<Violation> violations(IncidentReported report, String topic, Set<String> knownSites,
            Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (!knownSites.contains(report.site())) {
            violations.add(new Violation("unknown-site", "unknown site " + report.site()));
        }
        if (topic != null && topic.startsWith(Topics.INCIDENTS_REPORTED_PREFIX)
                && !topic.equals(Topics.INCIDENTS_REPORTED_PREFIX + report.site())) {
            violations.add(new Violation("wrong-site-topic",
                    "site " + report.site() + " reported on another site's topic " + topic));
        }
        if (report.occurredAt().isAfter(now)) {
            violations.add(new Violation("occurred-in-future", "occurredAt is in the future"));
        }
        if (report.occurredAt().isBefore(EARLIEST_OCCURRENCE)) {
            violations.add(new Violation("occurred-too-early", "occurredAt is before " + EARLIEST_OCCURRENCE));
        }
        if (report.reportedAt() != null && report.reportedAt().isBefore(report.occurredAt())) {
            violations.add(new Violation("reported-before-occurred", "reportedAt is before occurredAt"));
        }
        return violations;
    }
}
