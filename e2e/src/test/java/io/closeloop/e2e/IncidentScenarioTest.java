package io.closeloop.e2e;

import static io.closeloop.e2e.Steps.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.testing.SiteFeed;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stage 1 across the platform: a review returned for rework before approval, and a repeat incident. */
class IncidentScenarioTest {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void aReturnedReviewIsReworkedAndAReportOfTheSameKindIsFlaggedAsARepeat() {
        String first = reported(IncidentCategory.PRESSURE_ULCERS);
        Map<String, Object> review = Map.of("summary", "Repositioning charts were incomplete for four nights.",
                "answers", Map.of("timeline", "Category 2 ulcer found on day 5",
                        "controls-that-should-have-detected", "Repositioning chart checks",
                        "monitoring-responsibility", "Night nurse in charge",
                        "escalation-thresholds", "None existed for missed turns"),
                "controlFailures", List.of(Map.of("failureMode", "ABSENT_CONTROL",
                        "evidence", "No one checked the night repositioning charts", "owner", "leader.north")));
        String reviewId = as(platform, "reviewer.north", "incident-service").contentType(ContentType.JSON)
                .body(review).post("/incidents/{id}/reviews", first).then().statusCode(201).extract().path("id");
        as(platform, "reviewer.north", "incident-service")
                .post("/incidents/{id}/reviews/{review}/submit", first, reviewId).then().statusCode(200);
        as(platform, "senior", "incident-service").contentType(ContentType.JSON)
                .body(Map.of("reason", "Say which escalation threshold should have existed"))
                .post("/incidents/{id}/reviews/{review}/return", first, reviewId).then().statusCode(200)
                .body("status", equalTo("RETURNED"));
        as(platform, "reviewer.north", "incident-service").contentType(ContentType.JSON)
                .body(Map.of("summary", review.get("summary"), "controlFailures", review.get("controlFailures"),
                        "answers", Map.of("timeline", "Category 2 ulcer found on day 5",
                                "controls-that-should-have-detected", "Repositioning chart checks",
                                "monitoring-responsibility", "Night nurse in charge",
                                "escalation-thresholds", "Two missed turns in a night should escalate; none existed")))
                .put("/incidents/{id}/reviews/{review}", first, reviewId).then().statusCode(200);
        as(platform, "reviewer.north", "incident-service")
                .post("/incidents/{id}/reviews/{review}/submit", first, reviewId).then().statusCode(200);
        as(platform, "senior", "incident-service")
                .post("/incidents/{id}/reviews/{review}/approve", first, reviewId).then().statusCode(200);
        as(platform, "auditor", "incident-service").get("/incidents/{id}/history", first).then()
                .body("what", hasItem("Review returned: Say which escalation threshold should have existed"));

        String repeat = reported(IncidentCategory.PRESSURE_ULCERS);

        as(platform, "auditor", "incident-service").get("/incidents/{id}", repeat).then()
                .body("repeat", equalTo(true));
        as(platform, "auditor", "incident-service").get("/incidents/{id}/repeats", repeat).then()
                .body("earlierIncidentId", hasItem(first))
                .body("reason", hasItem("SAME_SITE_CATEGORY"));
    }

    private static String reported(IncidentCategory category) {
        String reference = "N-E2E-INC-" + UUID.randomUUID();
        try (SiteFeed site = new SiteFeed(platform.kafka())) {
            site.report(new IncidentReported("north", reference, 1L, Instant.now().minusSeconds(600),
                    Instant.now().minusSeconds(300), category, HarmLevel.MODERATE, "Room 4",
                    "Reported for the stage 1 scenario", null, List.of()));
        }
        return Steps.eventually(() -> as(platform, "reviewer.north", "incident-service")
                .get("/incidents?site=north&size=200").then().statusCode(200)
                .extract().<String>path("items.find { it.siteReference == '" + reference + "' }.id"));
    }
}
