package io.closeloop.e2e;

import static io.closeloop.e2e.Steps.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An incident published by a site runs through all four stages to closure: four service processes, real Kafka,
 * PostgreSQL and Keycloak tokens.
 */
class WalkingSkeletonTest {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void anIncidentRunsFromASiteReportToVerifiedClosure() {
        String reference = "N-E2E-" + UUID.randomUUID();
        try (SiteFeed site = new SiteFeed(platform.kafka())) {
            site.report(new IncidentReported("north", reference, 1L, Instant.now().minusSeconds(7200),
                    Instant.now().minusSeconds(3600), IncidentCategory.FALLS, HarmLevel.MODERATE, "Ward 3",
                    "Resident found on the floor beside the bed at 06:10.", "Checked for injury; GP informed.",
                    List.of("P-1a2b3c")));
        }
        String incidentId = Steps.eventually(() -> as(platform, "reviewer.north", "incident-service")
                .get("/incidents?site=north&size=200").then().statusCode(200)
                .extract().<String>path("items.find { it.siteReference == '" + reference + "' }.id"));
        stageIs(incidentId, "REVIEW");

        // 1. Structured review on the current template, approved by a senior leader who is not the reviewer.
        Steps.approvedReview(platform, incidentId, "Night supervision did not check falls risk reassessments.",
                "CTRL-FALLS-01", "Reassessment three weeks overdue; not on the supervision list", "leader.north");
        stageIs(incidentId, "ACCOUNTABILITY");

        // 2. The named owner accepts the failure and says what will change, and by when.
        String accountabilityId = Steps.eventually(() -> as(platform, "leader.north", "accountability-service")
                .get("/accountabilities?mine=true&incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));
        as(platform, "leader.north", "accountability-service").contentType(ContentType.JSON)
                .body(Map.of("whatWillChange", "Reassessment due dates join the weekly supervision check",
                        "indicator", "Falls reassessments on time", "target", ">= 95%",
                        "byWhen", LocalDate.now().plusWeeks(6).toString()))
                .post("/accountabilities/{id}/acknowledge", accountabilityId).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        stageIs(incidentId, "ACTION");

        // 3. A weak-only plan is refused; a system-level action, approved, is embedded through the weekly packs.
        ValidatableResponse plan = Steps.eventuallyResponse(() -> as(platform, "leader.north", "action-service")
                .get("/plans?incidentId=" + incidentId).then().statusCode(200).body("total", equalTo(1)));
        String planId = plan.extract().path("items[0].id");
        String controlFailureId = plan.extract().path("items[0].commitments[0].controlFailureId");
        String dueOn = LocalDate.now().plusWeeks(26).toString();
        String weakId = as(platform, "leader.north", "action-service").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", controlFailureId, "kind", "SUPPORTING", "actionType", "TRAINING",
                        "description", "Night staff briefed on reassessment due dates", "dueOn", dueOn))
                .post("/plans/{id}/actions", planId).then().statusCode(201).extract().path("id");
        as(platform, "leader.north", "action-service").post("/plans/{id}/submit", planId).then().statusCode(422);
        as(platform, "leader.north", "action-service").delete("/plans/{id}/actions/{action}", planId, weakId)
                .then().statusCode(200);
        String actionId = as(platform, "leader.north", "action-service").contentType(ContentType.JSON)
                .body(Map.of("controlFailureId", controlFailureId, "kind", "CHANGE_CONTROL",
                        "actionType", "CHECKLIST_OR_COGNITIVE_AID",
                        "description", "Supervision sample raised from 5 to 10 records; overdue reassessments escalate",
                        "baseline", 0.72, "dueOn", dueOn))
                .post("/plans/{id}/actions", planId).then().statusCode(201).extract().path("id");
        as(platform, "leader.north", "action-service").post("/plans/{id}/submit", planId).then().statusCode(200);
        as(platform, "senior", "action-service").post("/plans/{id}/approve", planId).then().statusCode(200);
        // Embedded only after results in four consecutive weekly packs: the service's clock moves a week at a time.
        Steps.fourWeeksOfResults(platform, planId, actionId);
        as(platform, "leader.north", "action-service").get("/plans/{id}", planId).then().statusCode(200)
                .body("status", equalTo("EMBEDDED"));
        stageIs(incidentId, "VERIFICATION");

        // 4. An independent verifier re-samples cases; a senior leader signs off the closure.
        String verificationId = Steps.eventually(() -> as(platform, "verifier", "verification-service")
                .get("/verifications?incidentId=" + incidentId).then().statusCode(200)
                .extract().<String>path("items[0].id"));
        Steps.resampled(platform, verificationId, controlFailureId, 58, 60).body("verdict", equalTo("PASSED"));
        as(platform, "senior", "verification-service").contentType(ContentType.JSON)
                .body(Map.of("rationale", "58 of 60 re-sampled cases on time; lower bound 0.89 above 0.80"))
                .post("/verifications/{id}/close", verificationId).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        stageIs(incidentId, "CLOSED");

        as(platform, "auditor", "incident-service").get("/incidents/{id}/history", incidentId).then().statusCode(200)
                .body("service", hasItems("incident-service", "accountability-service", "action-service",
                        "verification-service"));
    }

    @Test
    void aMalformedSiteRecordIsDeadLetteredAndTheNextOneStillFlows() {
        String topic = Topics.reportedBy("north");
        String badId = UUID.randomUUID().toString();
        String reference = "N-E2E-" + UUID.randomUUID();
        try (SiteFeed site = new SiteFeed(platform.kafka())) {
            site.send(topic, "north/garbled", SiteFeed.headers(badId, "north", "north/garbled"),
                    "not json at all".getBytes(StandardCharsets.UTF_8));
            site.report(new IncidentReported("north", reference, 1L, Instant.now().minusSeconds(600), Instant.now(),
                    IncidentCategory.MEDICATION, HarmLevel.LOW, null, "Dose given two hours late.", null, List.of()));
        }

        var deadLetter = TopicReader.await(platform.kafka(), Topics.deadLetterOf(topic), Steps.STAGE_TIMEOUT,
                r -> badId.equals(TopicReader.header(r, CloudEvents.HEADER_ID)));
        assertThat(TopicReader.header(deadLetter, CloudEvents.HEADER_DLQ_REASON)).startsWith("malformed JSON");
        Steps.eventually(() -> as(platform, "reviewer.north", "incident-service").get("/incidents?site=north&size=200").then()
                .statusCode(200).extract().<String>path("items.find { it.siteReference == '" + reference + "' }.id"));
    }

    @Test
    void noTokenIsUnauthorisedAndTheWrongRoleIsForbidden() {
        given().baseUri(platform.url("incident-service")).get("/incidents").then().statusCode(401);
        as(platform, "reporter.north", "verification-service").get("/verifications").then().statusCode(403);
    }

    private static void stageIs(String incidentId, String stage) {
        Steps.eventuallyResponse(() -> as(platform, "auditor", "incident-service").get("/incidents/{id}", incidentId).then()
                .statusCode(200).body("stage", equalTo(stage)));
    }



}
