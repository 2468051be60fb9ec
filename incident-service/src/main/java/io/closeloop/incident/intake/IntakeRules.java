package io.closeloop.incident.intake;

import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Business rules a report must meet beyond its schema. Empty result: accept. */
public final class IntakeRules {

    private IntakeRules() {
    }

    public static List<String> violations(IncidentReported report, String topic, Set<String> knownSites, Instant now) {
        List<String> violations = new ArrayList<>();
        if (!knownSites.contains(report.site())) {
            violations.add("unknown site " + report.site());
        }
        if (topic != null && topic.startsWith(Topics.INCIDENTS_REPORTED_PREFIX)
                && !topic.equals(Topics.INCIDENTS_REPORTED_PREFIX + report.site())) {
            violations.add("site " + report.site() + " reported on another site's topic " + topic);
        }
        if (report.occurredAt().isAfter(now)) {
            violations.add("occurredAt is in the future");
        }
        if (report.reportedAt() != null && report.reportedAt().isBefore(report.occurredAt())) {
            violations.add("reportedAt is before occurredAt");
        }
        return violations;
    }
}
