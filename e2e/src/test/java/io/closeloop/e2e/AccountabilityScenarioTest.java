package io.closeloop.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stage 2 across processes: the named owner disputes, a senior leader reassigns, the new owner accepts. */
class AccountabilityScenarioTest {

    private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(60);
    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void aDisputedAccountabilityIsReassignedAndTheIncidentMovesOnWhenTheNewOwnerAccepts() {
        String reference = "N-E2E-ACC-" + UUID.randomUUID();
        try (SiteFeed site = new SiteFeed(platform.kafka())) {
            site.report(new IncidentReported("north", reference, 1L, Instant.now().minusSeconds(7200),
                    Instant.now().minusSeconds(3600), IncidentCategory.FALLS, HarmLevel.LOW, "Ward 2",
                    "Resident slipped in the bathroom at 22:40.", "No injury; observations started.",
                    List.of("P-9z8y7x")));
        }
        String incidentId = eventually(() -> as("reviewer.north", "incident-service")
                .get("/incidents?site=north&size=200").then().statusCode(200)
                .extract().<String>path("items.find { it.siteReference == '" + reference + "' }.id"));
        String reviewId = as("reviewer.north", "incident-service").contentType(ContentType.JSON)
                .body(Map.of("summary", "Bathroom sensor mats were not checked at the evening handover.",
                        "controlFailures", List.of(Map.of(
                                "controlId", "CTRL-FALLS-02",
                                "controlName", "Sensor mat check at handover",
                                "failureMode", "MISSED_SUPERVISION",
                                "evidence", "Handover sheet has no sensor mat entries for the week",
                                "owner", "leader.north"))))
                .post("/incidents/{id}/reviews", incidentId).then().statusCode(201).extract().path("id");
        as("senior", "incident-service").post("/incidents/{id}/reviews/{review}/approve", incidentId, reviewId)
                .then().statusCode(200);

        String accountabilityId = eventually(() -> as("leader.north", "accountability-service")
                .get("/accountabilities?mine=true&incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));
        as("leader.north", "accountability-service").contentType(ContentType.JSON)
                .body(Map.of("reason", "Handover on that ward is run by the night manager"))
                .post("/accountabilities/{id}/dispute", accountabilityId).then().statusCode(200)
                .body("status", equalTo("DISPUTED"));
        as("senior", "accountability-service").contentType(ContentType.JSON)
                .body(Map.of("owner", "senior", "note", "Night management reports to me"))
                .post("/accountabilities/{id}/assign", accountabilityId).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("owner", equalTo("senior"));
        as("senior", "accountability-service").contentType(ContentType.JSON)
                .body(Map.of("whatWillChange", "Sensor mats join the handover checklist",
                        "indicator", "Handovers with sensor mat entries", "target", ">= 98%",
                        "byWhen", LocalDate.now().plusWeeks(6).toString()))
                .post("/accountabilities/{id}/acknowledge", accountabilityId).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));

        eventuallyResponse(() -> as("auditor", "incident-service").get("/incidents/{id}", incidentId).then()
                .statusCode(200).body("stage", equalTo("ACTION")));
        as("auditor", "accountability-service").get("/accountabilities/{id}/history", accountabilityId).then()
                .statusCode(200)
                .body("action", equalTo(List.of("OPENED", "ASSIGNED", "DISPUTED", "REASSIGNED", "ACKNOWLEDGED")))
                .body("actor", equalTo(List.of("senior", "senior", "leader.north", "senior", "senior")));
        as("auditor", "accountability-service").get("/register?site=north&size=200").then().statusCode(200)
                .body("items.find { it.accountability.id == '" + accountabilityId + "' }.accountability.owner",
                        equalTo("senior"));
    }

    private static <T> T eventually(Supplier<T> probe) {
        return await().atMost(STAGE_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(probe::get, value -> value != null);
    }

    private static ValidatableResponse eventuallyResponse(Supplier<ValidatableResponse> probe) {
        return await().atMost(STAGE_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(probe::get, response -> true);
    }

    private static RequestSpecification as(String user, String service) {
        return given().baseUri(platform.url(service)).auth().oauth2(Tokens.of(platform.keycloak(), user));
    }
}
