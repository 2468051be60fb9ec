package io.closeloop.e2e;

import static io.closeloop.e2e.Steps.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.AccountabilityEscalated;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.TopicReader;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stage 2 across processes: the named owner disputes, a senior leader reassigns, the new owner accepts. */
class AccountabilityScenarioTest {

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
        String incidentId = Steps.eventually(() -> as(platform, "reviewer.north", "incident-service")
                .get("/incidents?site=north&size=200").then().statusCode(200)
                .extract().<String>path("items.find { it.siteReference == '" + reference + "' }.id"));
        Steps.approvedReview(platform, incidentId, "Bed sensor alarms were not tested at the evening handover.",
                "CTRL-FALLS-02", "Handover sheet has no sensor alarm tests for the week", "leader.north");

        String accountabilityId = Steps.eventually(() -> as(platform, "leader.north", "accountability-service")
                .get("/accountabilities?mine=true&incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));
        as(platform, "leader.north", "accountability-service").contentType(ContentType.JSON)
                .body(Map.of("reason", "Handover on that ward is run by the night manager"))
                .post("/accountabilities/{id}/dispute", accountabilityId).then().statusCode(200)
                .body("status", equalTo("DISPUTED"));
        as(platform, "senior", "accountability-service").contentType(ContentType.JSON)
                .body(Map.of("owner", "senior", "note", "Night management reports to me"))
                .post("/accountabilities/{id}/assign", accountabilityId).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("owner", equalTo("senior"));
        as(platform, "senior", "accountability-service").contentType(ContentType.JSON)
                .body(Map.of("whatWillChange", "Sensor mats join the handover checklist",
                        "indicator", "Handovers with sensor mat entries", "target", ">= 98%",
                        "byWhen", LocalDate.now().plusWeeks(6).toString()))
                .post("/accountabilities/{id}/acknowledge", accountabilityId).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));

        Steps.eventuallyResponse(() -> as(platform, "auditor", "incident-service").get("/incidents/{id}", incidentId).then()
                .statusCode(200).body("stage", equalTo("ACTION")));
        as(platform, "auditor", "accountability-service").get("/accountabilities/{id}/history", accountabilityId).then()
                .statusCode(200)
                .body("action", equalTo(List.of("OPENED", "ASSIGNED", "DISPUTED", "REASSIGNED", "ACKNOWLEDGED")))
                .body("actor", equalTo(List.of("senior", "senior", "leader.north", "senior", "senior")));
        as(platform, "auditor", "accountability-service").get("/register?site=north&size=200").then().statusCode(200)
                .body("items.find { it.accountability.id == '" + accountabilityId + "' }.accountability.owner",
                        equalTo("senior"));
    }

    @Test
    void anUnansweredAccountabilityEscalatesToTheSeniorLeaderWhenItsDueDatePasses() throws Exception {
        String reference = "N-E2E-ESC-" + UUID.randomUUID();
        try (SiteFeed site = new SiteFeed(platform.kafka())) {
            site.report(new IncidentReported("north", reference, 1L, Instant.now().minusSeconds(600),
                    Instant.now().minusSeconds(300), IncidentCategory.MEDICATION, HarmLevel.LOW, "Ward 1",
                    "Controlled drug given without a second signature.", null, List.of()));
        }
        String incidentId = Steps.eventually(() -> as(platform, "reviewer.north", "incident-service")
                .get("/incidents?site=north&size=200").then().statusCode(200)
                .extract().<String>path("items.find { it.siteReference == '" + reference + "' }.id"));
        Steps.approvedReview(platform, incidentId, "The double-signature audit had not run for a month.",
                "CTRL-MED-01", "No audit entries since October", "leader.north");
        String accountabilityId = Steps.eventually(() -> as(platform, "leader.north", "accountability-service")
                .get("/accountabilities?mine=true&incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));

        // Five working days to acknowledge; nine calendar days later it is overdue whatever the weekday.
        Steps.advanceClock(platform, "accountability-service", Duration.ofDays(9));

        var record = TopicReader.await(platform.kafka(), Topics.ACCOUNTABILITY_ESCALATED, Steps.STAGE_TIMEOUT,
                r -> incidentId.equals(r.key()));
        AccountabilityEscalated escalated = EventJson.read(EventJson.tree(record.value()),
                AccountabilityEscalated.class);
        assertThat(escalated.level()).isEqualTo("SENIOR_LEADER");
        assertThat(escalated.owner()).isEqualTo("leader.north");
        assertThat(escalated.accountabilityId().toString()).isEqualTo(accountabilityId);
        as(platform, "auditor", "accountability-service").get("/accountabilities/{id}/history", accountabilityId)
                .then().statusCode(200).body("action", hasItem("ESCALATED"));
    }
}
