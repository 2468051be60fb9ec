package io.closeloop.e2e;

import static io.closeloop.e2e.Steps.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.testing.SiteFeed;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Intent is not evidence: a verification that shows no improvement is rejected, the incident goes back to stage 3
 * through the real services, the owner strengthens the plan, it embeds again, and only then does the incident close.
 */
class ReopenScenarioTest {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void aRejectedVerificationReopensStageThreeAndTheIncidentClosesOnlyOnEvidence() {
        String reference = "N-E2E-REOPEN-" + UUID.randomUUID();
        try (SiteFeed site = new SiteFeed(platform.kafka())) {
            site.report(new IncidentReported("north", reference, 1L, Instant.now().minusSeconds(900),
                    Instant.now().minusSeconds(600), IncidentCategory.FALLS, HarmLevel.MODERATE, "Ward 5",
                    "Second fall in a week; the reassessment was overdue again.", null, List.of()));
        }
        String incidentId = Steps.eventually(() -> as(platform, "reviewer.north", "incident-service")
                .get("/incidents?site=north&size=200").then().statusCode(200)
                .extract().<String>path("items.find { it.siteReference == '" + reference + "' }.id"));
        Steps.approvedReview(platform, incidentId, "Reassessments slipped because nobody saw the due list.",
                "CTRL-FALLS-01", "Two residents overdue by more than a week", "leader.north");
        String accountabilityId = Steps.eventually(() -> as(platform, "leader.north", "accountability-service")
                .get("/accountabilities?mine=true&incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));
        as(platform, "leader.north", "accountability-service").contentType(ContentType.JSON)
                .body(Map.of("whatWillChange", "The due list is part of the weekly supervision check",
                        "indicator", "Reassessments on time", "target", ">= 95%",
                        "byWhen", LocalDate.now().plusWeeks(8).toString()))
                .post("/accountabilities/{id}/acknowledge", accountabilityId).then().statusCode(200);

        ValidatableResponse plan = Steps.eventuallyResponse(() -> as(platform, "leader.north", "action-service")
                .get("/plans?incidentId=" + incidentId).then().statusCode(200).body("total", equalTo(1)));
        String planId = plan.extract().path("items[0].id");
        String controlFailureId = plan.extract().path("items[0].commitments[0].controlFailureId");
        String firstAction = action(planId, controlFailureId, "CHECKLIST_OR_COGNITIVE_AID",
                "Due list printed for the night supervisor");
        approve(planId);
        Steps.fourWeeksOfResults(platform, planId, firstAction);
        stageIs(incidentId, "VERIFICATION");

        // The evidence does not show improvement: 40 of 60 cases on time. Closing is refused; the plan goes back.
        String firstCycle = verification(incidentId, 1);
        Steps.resampled(platform, firstCycle, controlFailureId, 40, 60).body("verdict", equalTo("FAILED"));
        as(platform, "senior", "verification-service").contentType(ContentType.JSON)
                .body(Map.of("rationale", "The team says it is better now"))
                .post("/verifications/{id}/close", firstCycle).then().statusCode(422)
                .body("detail", containsString("failed"));
        as(platform, "senior", "verification-service").contentType(ContentType.JSON)
                .body(Map.of("reasons", List.of("40 of 60 on time: the printed list did not change practice")))
                .post("/verifications/{id}/reject", firstCycle).then().statusCode(200);
        stageIs(incidentId, "REOPENED");
        Steps.eventuallyResponse(() -> as(platform, "leader.north", "action-service").get("/plans/{id}", planId)
                .then().body("status", equalTo("REOPENED")));

        // The owner adds a forcing function; it embeds over four more weeks and verification opens a new cycle.
        action(planId, controlFailureId, "FORCING_FUNCTION",
                "The care record blocks the shift hand-off while a reassessment is overdue");
        approve(planId);
        List<String> actions = as(platform, "leader.north", "action-service").get("/plans/{id}", planId).then()
                .extract().path("actions.id");
        for (int week = 1; week <= 4; week++) {
            for (String actionId : actions) {
                as(platform, "leader.north", "action-service").contentType(ContentType.JSON)
                        .body(Map.of("actionId", actionId, "done", true, "value", 0.97))
                        .post("/packs/current/results").then().statusCode(201);
            }
            if (week < 4) {
                Steps.advanceClock(platform, "action-service", Duration.ofDays(7));
            }
        }
        stageIs(incidentId, "VERIFICATION");
        String secondCycle = verification(incidentId, 2);
        Steps.resampled(platform, secondCycle, controlFailureId, 59, 60).body("verdict", equalTo("PASSED"));
        as(platform, "senior", "verification-service").contentType(ContentType.JSON)
                .body(Map.of("rationale", "59 of 60 on time after the forcing function; lower bound 0.91"))
                .post("/verifications/{id}/close", secondCycle).then().statusCode(200);
        stageIs(incidentId, "CLOSED");
    }

    private static String action(String planId, String controlFailureId, String type, String description) {
        return as(platform, "leader.north", "action-service").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", controlFailureId, "kind", "CHANGE_CONTROL", "actionType", type,
                        "description", description, "baseline", 0.7,
                        "dueOn", LocalDate.now().plusWeeks(26).toString()))
                .post("/plans/{id}/actions", planId).then().statusCode(201).extract().path("id");
    }

    private static void approve(String planId) {
        as(platform, "leader.north", "action-service").post("/plans/{id}/submit", planId).then().statusCode(200);
        as(platform, "senior", "action-service").post("/plans/{id}/approve", planId).then().statusCode(200);
    }

    private static String verification(String incidentId, int cycle) {
        return Steps.eventually(() -> as(platform, "verifier", "verification-service")
                .get("/verifications?incidentId=" + incidentId + "&size=10").then().statusCode(200)
                .extract().<String>path("items.find { it.cycle == " + cycle + " }.id"));
    }

    private static void stageIs(String incidentId, String stage) {
        Steps.eventuallyResponse(() -> as(platform, "auditor", "incident-service").get("/incidents/{id}", incidentId)
                .then().statusCode(200).body("stage", equalTo(stage)));
    }
}
