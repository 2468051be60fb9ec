package io.closeloop.incident;

import static io.closeloop.incident.IncidentServiceTest.review;
import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.incident.intake.Incident;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Submission is refused, with every reason named, until the review shows system failures and leadership owners. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "incident_test"))
class ReviewRefusalsTest {

    @Test
    void refusesUnansweredLeadershipQuestionsAndIneligibleOwners() {
        UUID id = reportedIncident(HarmLevel.MODERATE);
        Map<String, Object> body = new HashMap<>(review(List.of(
                Map.of("controlId", "CTRL-FALLS-01", "failureMode", "MISSED_SUPERVISION", "evidence", "Overdue",
                        "owner", "reviewer.north"),
                Map.of("controlId", "CTRL-MED-02", "failureMode", "UNCLEAR_ESCALATION", "evidence", "No escalation",
                        "owner", "leader.south"),
                Map.of("failureMode", "ABSENT_CONTROL", "evidence", "Nobody checks bed rails at night"),
                Map.of("controlId", "CTRL-NOPE", "failureMode", "OTHER", "evidence", "x", "owner", "nobody.here"))));
        body.put("answers", Map.of("timeline", "06:10 found", "controls-that-should-have-detected", "Falls check"));
        String reviewId = as("reviewer.north").contentType(ContentType.JSON).body(body)
                .post("/incidents/{id}/reviews", id).then().statusCode(201).extract().path("id");

        as("reviewer.north").post("/incidents/{id}/reviews/{review}/submit", id, reviewId).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("answers.monitoring-responsibility", "answers.escalation-thresholds",
                        "controlFailures[0].owner", "controlFailures[1].owner", "controlFailures[2].owner",
                        "controlFailures[3].controlId", "controlFailures[3].owner"))
                .body("errors.message", hasItems("reviewer.north holds neither leader nor senior-leader",
                        "leader.south does not cover site north", "nobody.here is not a known user",
                        "every control failure names a leadership owner"));
        as("reviewer.north").get("/incidents/{id}/reviews", id).then().body("[0].status", equalTo("DRAFT"));
    }

    @Test
    void aReviewWithoutControlFailuresNeedsAJustificationAndExplicitAcceptance() {
        UUID id = reportedIncident(HarmLevel.LOW);
        Map<String, Object> body = new HashMap<>(review(List.of()));
        String reviewId = as("reviewer.north").contentType(ContentType.JSON).body(body)
                .post("/incidents/{id}/reviews", id).then().statusCode(201).extract().path("id");
        as("reviewer.north").post("/incidents/{id}/reviews/{review}/submit", id, reviewId).then().statusCode(422)
                .body("errors.message", hasItem(containsString("frontline error alone is not a finding")));

        body.put("noControlFailureJustification", "Resident's own unforeseeable action; every control worked");
        as("reviewer.north").contentType(ContentType.JSON).body(body)
                .put("/incidents/{id}/reviews/{review}", id, reviewId).then().statusCode(200);
        as("reviewer.north").post("/incidents/{id}/reviews/{review}/submit", id, reviewId).then().statusCode(200);
        as("senior").post("/incidents/{id}/reviews/{review}/approve", id, reviewId).then().statusCode(422)
                .body("detail", containsString("acceptNoControlFailure"));
        as("senior").post("/incidents/{id}/reviews/{review}/approve?acceptNoControlFailure=true", id, reviewId)
                .then().statusCode(200);
        as("auditor").get("/incidents/{id}", id).then().body("stage", equalTo("CLOSED"));
    }

    @Test
    void aNewTemplateVersionLeavesReviewsInFlightOnTheirVersion() {
        UUID id = reportedIncident(HarmLevel.LOW);
        String reviewId = as("reviewer.north").contentType(ContentType.JSON).body(review("leader.north"))
                .post("/incidents/{id}/reviews", id).then().statusCode(201).extract().path("id");
        int pinned = as("reviewer.north").get("/incidents/{id}/reviews", id).then().extract().path("[0].templateVersion");

        Map<String, Object> template = as("senior").get("/review-templates/current").then().statusCode(200)
                .extract().path("content");
        Map<String, Object> newer = new HashMap<>(template);
        newer.put("title", "Structured incident review, with a staffing question");
        as("reviewer.north").contentType(ContentType.JSON).body(newer).post("/review-templates").then()
                .statusCode(403);
        int published = as("senior").contentType(ContentType.JSON).body(newer).post("/review-templates").then()
                .statusCode(201).extract().path("version");

        as("reviewer.north").get("/review-templates/current").then().body("version", equalTo(published));
        as("reviewer.north").get("/incidents/{id}/reviews", id).then().body("[0].templateVersion", equalTo(pinned));
        as("reviewer.north").post("/incidents/{id}/reviews/{review}/submit", id, reviewId).then().statusCode(200);
        as("senior").contentType(ContentType.JSON).body(Map.of("title", "No leadership questions",
                "sections", List.of(Map.of("id", "s", "title", "S", "questions",
                        List.of(Map.of("id", "q", "text", "Q?", "mandatory", true))))))
                .post("/review-templates").then().statusCode(422);
    }

    @Test
    void reportersEnterReportsForTheirOwnSitesOnly() {
        String reference = "N-MAN-" + UUID.randomUUID();
        Map<String, Object> report = Map.of("site", "north", "siteReference", reference,
                "occurredAt", Instant.now().minusSeconds(600).toString(), "category", "MEDICATION",
                "harmLevel", "SEVERE", "description", "Insulin dose missed at 08:00");
        as("reporter.north").contentType(ContentType.JSON).body(report).post("/intake/reports").then()
                .statusCode(201).body("reviewLevel", equalTo("FULL")).body("stage", equalTo("REVIEW"));
        Map<String, Object> south = new HashMap<>(report);
        south.put("site", "south");
        as("reporter.north").contentType(ContentType.JSON).body(south).post("/intake/reports").then()
                .statusCode(403);
        Map<String, Object> future = new HashMap<>(report);
        future.put("occurredAt", Instant.now().plusSeconds(3600).toString());
        as("reporter.north").contentType(ContentType.JSON).body(future).post("/intake/reports").then()
                .statusCode(422).body("detail", equalTo("occurredAt is in the future"));
        Map<String, Object> invalid = new HashMap<>(report);
        invalid.remove("description");
        invalid.put("harmLevel", "CATASTROPHIC");
        as("reporter.north").contentType(ContentType.JSON).body(invalid).post("/intake/reports").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("description", "harmLevel"));
        as("reviewer.north").contentType(ContentType.JSON).body(report).post("/intake/reports").then()
                .statusCode(403);
    }

    @Test
    void aRepeatLinksToTheLatestEarlierIncidentAndChallengesAVerifiedClosure() {
        UUID first = reportedIncident(HarmLevel.LOW, IncidentCategory.INFECTION);
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.publish("incidents.closed.v1", first.toString(), new IncidentClosed(
                    first, "north", UUID.randomUUID(), "senior", "Verified", Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("auditor").get("/incidents/{id}", first)
                .then().body("stage", equalTo("CLOSED")));

        UUID repeat = reportedIncident(HarmLevel.LOW, IncidentCategory.INFECTION);

        as("auditor").get("/incidents/{id}", repeat).then().body("repeat", equalTo(true));
        as("auditor").get("/incidents/{id}/repeats", repeat).then()
                .body("earlierIncidentId", hasItem(first.toString()))
                .body("reason", hasItem("SAME_SITE_CATEGORY"));
        as("auditor").get("/incidents?repeat=true&category=INFECTION&size=200").then()
                .body("items.id", hasItem(repeat.toString()));
        UUID third = reportedIncident(HarmLevel.LOW, IncidentCategory.INFECTION);
        as("auditor").get("/incidents/{id}/repeats", third).then()
                .body("earlierIncidentId", containsInAnyOrder(repeat.toString(), first.toString()));
        var challenged = TopicReader.await(kafka(), "closure.challenged.v1",
                Duration.ofSeconds(30), r -> first.toString().equals(r.key()));
        assertThat(new String(challenged.value())).contains(repeat.toString());
    }

    @Test
    void rejectionsAreKeptForAuditorsAndCountedByReason() {
        String badId = UUID.randomUUID().toString();
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.send("incidents.reported.v1.north", "north/x", SiteFeed.headers(badId, "north", "north/x"),
                    "{oops".getBytes());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("auditor").get("/intake/rejections?size=200")
                .then().statusCode(200)
                .body("items.find { it.eventId == '" + badId + "' }", hasEntry("reasonCode", "malformed-json")));
        as("leader.north").get("/intake/rejections").then().statusCode(403);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("closeloop_dead_letters_total{consumer=\"intake\",reason=\"malformed-json\"}"));
    }

    private static UUID reportedIncident(HarmLevel harm) {
        return reportedIncident(harm, IncidentCategory.FALLS);
    }

    private static UUID reportedIncident(HarmLevel harm, IncidentCategory category) {
        String reference = "N-" + UUID.randomUUID();
        try (SiteFeed feed = new SiteFeed(kafka())) {
            feed.report(new IncidentReported("north", reference, 1L, Instant.now().minusSeconds(120), Instant.now(),
                    category, harm, "Ward 2", "Reported for a review test", null, List.of()));
        }
        UUID id = Incident.idOf("north", reference);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("reviewer.north").get("/incidents/{id}", id)
                .then().statusCode(200));
        return id;
    }
}
