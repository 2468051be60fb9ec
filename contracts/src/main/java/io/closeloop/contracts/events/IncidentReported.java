package io.closeloop.contracts.events;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import java.time.Instant;
import java.util.List;

/** A site's incident report. People are referred to by pseudonymous ids only. */
public record IncidentReported(
        String site,
        String siteReference,
        Long version,
        Instant occurredAt,
        Instant reportedAt,
        IncidentCategory category,
        HarmLevel harmLevel,
        String location,
        String description,
        String immediateActions,
        List<String> peopleAffected) {

    /** The record key: every event of one site incident lands on one partition, in order. */
    public String key() {
        return site + "/" + siteReference;
    }
}
