package io.closeloop.e2e;

import static io.closeloop.e2e.Steps.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.testing.SiteFeed;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In-site and out-of-site data with the same role: a north incident, its accountability and its plan are visible to
 * leader.north and absent (404, and missing from lists) for leader.south. Verification-service has no single-site
 * user among the roles it admits (verifier, senior, auditor all cover both sites), so it has no out-of-site case.
 */
class SecuritySiteScopeTest {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void aNorthIncidentItsAccountabilityAndItsPlanAreInvisibleToTheSouthLeader() {
        String reference = "N-SEC-" + UUID.randomUUID();
        try (SiteFeed site = new SiteFeed(platform.kafka())) {
            site.report(new IncidentReported("north", reference, 1L, Instant.now().minusSeconds(7200),
                    Instant.now().minusSeconds(3600), IncidentCategory.FALLS, HarmLevel.MODERATE, "Ward 2",
                    "Resident found on the floor of the day room.", "Checked for injury.", List.of()));
        }
        String incidentId = Steps.eventually(() -> as(platform, "reviewer.north", "incident-service")
                .get("/incidents?site=north&size=200").then().statusCode(200)
                .extract().<String>path("items.find { it.siteReference == '" + reference + "' }.id"));

        as(platform, "leader.north", "incident-service").get("/incidents/{id}", incidentId).then().statusCode(200);
        as(platform, "leader.south", "incident-service").get("/incidents/{id}", incidentId).then().statusCode(404);
        as(platform, "leader.south", "incident-service").get("/incidents/{id}/history", incidentId).then()
                .statusCode(404);
        as(platform, "leader.south", "incident-service").get("/incidents?size=200").then().statusCode(200)
                .body("items.id", not(hasItem(incidentId)));

        Steps.approvedReview(platform, incidentId, "The day room was left without a falls check.",
                "CTRL-FALLS-01", "No hourly check recorded for the day room", "leader.north");
        String accountabilityId = Steps.eventually(() -> as(platform, "leader.north", "accountability-service")
                .get("/accountabilities?incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));
        as(platform, "leader.north", "accountability-service").get("/accountabilities/{id}", accountabilityId)
                .then().statusCode(200);
        as(platform, "leader.south", "accountability-service").get("/accountabilities/{id}", accountabilityId)
                .then().statusCode(404);
        as(platform, "leader.south", "accountability-service").get("/accountabilities?incidentId=" + incidentId)
                .then().statusCode(200).body("total", equalTo(0));
        // Writing is scoped as reading is: the south leader cannot acknowledge a north accountability.
        as(platform, "leader.south", "accountability-service").contentType(ContentType.JSON)
                .body(acknowledgement()).post("/accountabilities/{id}/acknowledge", accountabilityId)
                .then().statusCode(404);

        as(platform, "leader.north", "accountability-service").contentType(ContentType.JSON)
                .body(acknowledgement()).post("/accountabilities/{id}/acknowledge", accountabilityId)
                .then().statusCode(200);
        String planId = Steps.eventually(() -> as(platform, "leader.north", "action-service")
                .get("/plans?incidentId=" + incidentId).then().statusCode(200).extract().<String>path("items[0].id"));
        as(platform, "leader.north", "action-service").get("/plans/{id}", planId).then().statusCode(200);
        as(platform, "leader.south", "action-service").get("/plans/{id}", planId).then().statusCode(404);
        as(platform, "leader.south", "action-service").get("/plans?incidentId=" + incidentId).then().statusCode(200)
                .body("total", equalTo(0));
        as(platform, "leader.south", "action-service").post("/plans/{id}/submit", planId).then().statusCode(404);
    }

    private static Map<String, Object> acknowledgement() {
        return Map.of("whatWillChange", "Hourly falls checks of the day room join the shift checklist",
                "indicator", "Day room checks on time", "target", ">= 95%",
                "byWhen", LocalDate.now().plusWeeks(6).toString());
    }
}
