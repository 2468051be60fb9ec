package io.closeloop.incident.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.events.IncidentReported;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntakeRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Set<String> SITES = Set.of("north", "south");

    @Test
    void acceptsAPlausibleReportOnTheSitesOwnTopic() {
        assertThat(IntakeRules.violations(report("north", NOW.minusSeconds(600), NOW), "incidents.reported.v1.north",
                SITES, NOW)).isEmpty();
    }

    @Test
    void namesEveryBrokenRule() {
        assertThat(IntakeRules.violations(report("east", NOW.plusSeconds(60), NOW), "incidents.reported.v1.east",
                SITES, NOW)).extracting(IntakeRules.Violation::code)
                .containsExactly("unknown-site", "occurred-in-future", "reported-before-occurred");
    }

    @Test
    void aDateCenturiesAgoIsATypoNotAnIncident() {
        assertThat(IntakeRules.violations(report("north", Instant.parse("0001-01-01T00:00:00Z"), NOW),
                "incidents.reported.v1.north", SITES, NOW)).extracting(IntakeRules.Violation::code)
                .containsExactly("occurred-too-early");
        assertThat(IntakeRules.violations(report("north", Instant.parse("1950-06-01T00:00:00Z"), NOW),
                "incidents.reported.v1.north", SITES, NOW)).isEmpty();
    }

    @Test
    void aSiteCannotReportAsAnotherSite() {
        assertThat(IntakeRules.violations(report("south", NOW.minusSeconds(60), NOW), "incidents.reported.v1.north",
                SITES, NOW)).extracting(IntakeRules.Violation::message)
                .containsExactly("site south reported on another site's topic incidents.reported.v1.north");
    }

    @Test
    void theSameSiteAndReferenceAlwaysMeanTheSameIncident() {
        assertThat(Incident.idOf("north", "N-1")).isEqualTo(Incident.idOf("north", "N-1"))
                .isNotEqualTo(Incident.idOf("south", "N-1"));
    }

    private static IncidentReported report(String site, Instant occurredAt, Instant reportedAt) {
        return new IncidentReported(site, "R-1", 1L, occurredAt, reportedAt, IncidentCategory.FALLS, HarmLevel.LOW,
                null, "Found on the floor", null, List.of());
    }
}
