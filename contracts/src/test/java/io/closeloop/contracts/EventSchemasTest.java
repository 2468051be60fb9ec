package io.closeloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.AccountabilityEscalated;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.ClosureChallenged;
import io.closeloop.contracts.events.ControlLapsed;
import io.closeloop.contracts.events.ControlPublished;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.contracts.events.IncidentReviewed;
import io.closeloop.contracts.events.VerificationFailed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventSchemasTest {

    private static final UUID INCIDENT = UUID.randomUUID();
    private static final UUID FAILURE = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-20T09:30:00Z");

    static final Map<EventType, Object> SAMPLES = Map.ofEntries(
            Map.entry(EventType.INCIDENT_REPORTED, new IncidentReported("north", "N-2026-0001", 1L,
                    NOW.minusSeconds(3600), NOW, IncidentCategory.FALLS, HarmLevel.LOW, "Ward 3",
                    "Resident found on the floor beside the bed.", "Checked for injury, GP informed.",
                    List.of("P-7f3a2c"))),
            Map.entry(EventType.INCIDENT_REVIEWED, new IncidentReviewed(INCIDENT, "north", "N-2026-0001",
                    IncidentCategory.FALLS, HarmLevel.LOW, UUID.randomUUID(), "reviewer.north", "senior", NOW,
                    List.of(new IncidentReviewed.ControlFailure(FAILURE, "CTRL-FALLS-01", "Falls risk reassessment",
                            "MISSED_SUPERVISION", "Reassessment overdue by 3 weeks", "leader.north")))),
            Map.entry(EventType.ACCOUNTABILITY_ASSIGNED, new AccountabilityAssigned(INCIDENT, "north",
                    List.of(new AccountabilityAssigned.Commitment(FAILURE, "CTRL-FALLS-01", "Falls risk reassessment",
                            "leader.north", "Weekly audit of reassessment dates", "Reassessments on time", ">= 95%",
                            LocalDate.of(2027, 1, 31))),
                    NOW)),
            Map.entry(EventType.ACTIONS_EMBEDDED, new ActionsEmbedded(INCIDENT, "north", UUID.randomUUID(),
                    List.of(new ActionsEmbedded.EmbeddedAction(UUID.randomUUID(), FAILURE, "Falls risk reassessment",
                            "leader.north", "Supervision sample raised from 5 to 10 records", "Reassessments on time",
                            0.72, List.of(0.91, 0.95, 0.97, 0.96))),
                    NOW)),
            Map.entry(EventType.VERIFICATION_FAILED, new VerificationFailed(INCIDENT, "north", UUID.randomUUID(), "senior",
                    List.of("Re-sample pass rate below threshold"), NOW)),
            Map.entry(EventType.INCIDENT_CLOSED, new IncidentClosed(INCIDENT, "north", UUID.randomUUID(), "senior",
                    "Re-sampled 40 cases; Wilson lower bound 0.91 above 0.85", NOW)),
            Map.entry(EventType.ACCOUNTABILITY_ESCALATED, new AccountabilityEscalated(INCIDENT, "north",
                    UUID.randomUUID(), FAILURE, "leader.north", "SENIOR_LEADER", "Not acknowledged by its due date",
                    LocalDate.of(2026, 11, 27), NOW)),
            Map.entry(EventType.CONTROL_PUBLISHED, new ControlPublished("CTRL-FALLS-01", 2,
                    "Weekly falls risk reassessment check", "SUPERVISION_CHECK", List.of("north", "south"),
                    "leader.north", "WEEKLY",
                    new ControlPublished.Indicator("Reassessments on time", "%", 95, "UP"), "ACTIVE", NOW)),
            Map.entry(EventType.CONTROL_LAPSED, new ControlLapsed(INCIDENT, "north", UUID.randomUUID(),
                    "CTRL-FALLS-01", "leader.north", "2026-W46", NOW)),
            Map.entry(EventType.CLOSURE_CHALLENGED, new ClosureChallenged(INCIDENT, "north", UUID.randomUUID(),
                    "Repeat fall at the same site within 6 months of closure", NOW)));

    @Test
    void everyEventTypeHasASample() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serializedEventValidatesAgainstItsSchema(EventType type) throws Exception {
        Object sample = SAMPLES.get(type);
        assertThat(EventType.of(sample.getClass())).isEqualTo(type);

        JsonNode data = EventJson.tree(EventJson.write(sample));

        assertThat(EventSchemas.violations(type, data)).isEmpty();
        assertThat(EventJson.read(data, type.javaType())).isEqualTo(sample);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aDocumentMissingAnyRequiredFieldIsRejected(EventType type) throws Exception {
        JsonNode schema = EventJson.tree(EventSchemasTest.class.getResourceAsStream(type.schemaResource()).readAllBytes());
        assertThat(schema.get("required")).isNotEmpty();
        for (JsonNode required : schema.get("required")) {
            ObjectNode data = (ObjectNode) EventJson.tree(EventJson.write(SAMPLES.get(type)));
            data.remove(required.asText());

            assertThat(EventSchemas.violations(type, data)).anyMatch(v -> v.contains(required.asText()));
        }
    }

    @Test
    void intakeRejectsUnknownFieldsAndBadValues() throws Exception {
        ObjectNode report = (ObjectNode) EventJson.tree(EventJson.write(SAMPLES.get(EventType.INCIDENT_REPORTED)));
        report.put("patientName", "not allowed");
        report.put("harmLevel", "CATASTROPHIC");
        report.put("occurredAt", "yesterday");

        List<String> violations = EventSchemas.violations(EventType.INCIDENT_REPORTED, report);

        assertThat(violations).anyMatch(v -> v.contains("patientName"))
                .anyMatch(v -> v.contains("harmLevel"))
                .anyMatch(v -> v.contains("occurredAt"));
    }

    @Test
    void topicNamesFollowTheConvention() {
        assertThat(Topics.reportedBy("north")).isEqualTo("incidents.reported.v1.north").matches(Topics.INCIDENTS_REPORTED_PATTERN);
        assertThat(Topics.deadLetterOf(Topics.reportedBy("north"))).isEqualTo("incidents.reported.v1.north.dlq")
                .doesNotMatch(Topics.INCIDENTS_REPORTED_PATTERN);
    }
}
