package io.closeloop.incident;

import static io.closeloop.testing.ServiceUnderTest.as;
import static io.closeloop.testing.ServiceUnderTest.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.closeloop.contracts.CloudEvents;
import io.closeloop.contracts.EventJson;
import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.contracts.events.IncidentReviewed;
import io.closeloop.incident.intake.Incident;
import io.closeloop.local.LocalInfraTestResource;
import io.closeloop.testing.KafkaClients;
import io.closeloop.testing.SiteFeed;
import io.closeloop.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** incident-service against the real local Kafka, PostgreSQL and Keycloak. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "incident_test"))
class IncidentServiceTest {

    private static SiteFeed sites;

    @BeforeAll
    static void connect() {
        sites = new SiteFeed(kafka());
    }

    @AfterAll
    static void disconnect() {
        sites.close();
    }

    @Test
    void aReportIsStoredOnceAndOnlyANewerVersionUpdatesIt() {
        String reference = "N-" + UUID.randomUUID();
        UUID id = Incident.idOf("north", reference);
        sites.report(report(reference, 1, "Resident found on the floor"));
        awaitIncident(id);

        sites.report(report(reference, 1, "A replay with other text"));
        sites.report(report(reference, 2, "Resident found on the floor; skin tear"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("reviewer.north").get("/incidents/{id}", id)
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("description", equalTo("Resident found on the floor; skin tear"))
                .body("stage", equalTo("REVIEW")));
        as("auditor").get("/incidents?site=north&size=200").then().statusCode(200)
                .body("items.findAll { it.siteReference == '" + reference + "' }.size()", equalTo(1));
        as("reviewer.north").get("/incidents/{id}/history", id).then().statusCode(200)
                .body("what", hasItems("Reported by site north as " + reference + "; CONCISE review due "
                        + LocalDate.now(ZoneOffset.UTC).plusDays(20), "Report updated to version 2"));
    }

    @Test
    void unusableRecordsAreDeadLetteredWithTheirReasonAndTheStreamGoesOn() {
        String topic = Topics.reportedBy("north");
        String badId = UUID.randomUUID().toString();
        sites.send(topic, "north/broken", SiteFeed.headers(badId, "north", "north/broken"),
                "{\"site\":\"north\",".getBytes(StandardCharsets.UTF_8));
        String impostorId = UUID.randomUUID().toString();
        IncidentReported impostor = new IncidentReported("south", "S-" + UUID.randomUUID(), 1L,
                Instant.now().minusSeconds(60), Instant.now(), IncidentCategory.FALLS, HarmLevel.LOW, null,
                "Reported on the wrong site's topic", null, List.of());
        sites.send(topic, impostor.key(), SiteFeed.headers(impostorId, "south", impostor.key()),
                EventJson.write(impostor));
        String reference = "N-" + UUID.randomUUID();
        sites.report(report(reference, 1, "After the bad records"));

        awaitIncident(Incident.idOf("north", reference));
        var malformed = TopicReader.await(kafka(), Topics.deadLetterOf(topic), Duration.ofSeconds(30),
                r -> badId.equals(TopicReader.header(r, CloudEvents.HEADER_ID)));
        assertThat(TopicReader.header(malformed, CloudEvents.HEADER_DLQ_REASON)).startsWith("malformed JSON");
        assertThat(new String(malformed.value(), StandardCharsets.UTF_8)).isEqualTo("{\"site\":\"north\",");
        var rejected = TopicReader.await(kafka(), Topics.deadLetterOf(topic), Duration.ofSeconds(30),
                r -> impostorId.equals(TopicReader.header(r, CloudEvents.HEADER_ID)));
        assertThat(TopicReader.header(rejected, CloudEvents.HEADER_DLQ_REASON))
                .contains("reported on another site's topic");
        as("senior").get("/incidents/{id}", Incident.idOf("south", impostor.siteReference())).then().statusCode(404);
    }

    @Test
    void theFirstRecordOnASiteTopicCreatedAfterStartIsNotSkipped() throws Exception {
        String site = "new-" + UUID.randomUUID().toString().substring(0, 8);
        allowIncidentServiceToConsume(Topics.reportedBy(site));
        IncidentReported report = new IncidentReported(site, "X-1", 1L, Instant.now().minusSeconds(60),
                Instant.now(), IncidentCategory.OTHER, HarmLevel.NONE, null, "First report of a new site", null,
                List.of());
        String id = UUID.randomUUID().toString();
        // The new site has no Kafka client of its own in the realm: the operator publishes its record.
        sites.send(Topics.reportedBy(site), report.key(), SiteFeed.headers(id, site, report.key()),
                EventJson.write(report));

        var rejected = TopicReader.await(kafka(), Topics.deadLetterOf(Topics.reportedBy(site)), Duration.ofSeconds(60),
                r -> id.equals(TopicReader.header(r, CloudEvents.HEADER_ID)));
        assertThat(TopicReader.header(rejected, CloudEvents.HEADER_DLQ_REASON)).isEqualTo("unknown site " + site);
    }

    @Test
    void anApprovedReviewIsPublishedWithItsNamedOwners() throws Exception {
        UUID id = reportedIncident();
        String reviewId = submittedReview(id, "leader.north");

        as("senior").post("/incidents/{id}/reviews/{review}/approve", id, reviewId)
                .then().statusCode(200).body("status", equalTo("APPROVED"));

        var published = TopicReader.await(kafka(), Topics.INCIDENTS_REVIEWED, Duration.ofSeconds(30),
                r -> id.toString().equals(r.key()));
        assertThat(TopicReader.header(published, CloudEvents.HEADER_SUBJECT)).isEqualTo(id.toString());
        assertThat(TopicReader.header(published, CloudEvents.HEADER_TYPE)).isEqualTo("io.closeloop.incident.reviewed.v1");
        IncidentReviewed event = EventJson.read(EventJson.tree(published.value()), IncidentReviewed.class);
        assertThat(event.controlFailures()).extracting(IncidentReviewed.ControlFailure::owner)
                .containsExactly("leader.north");
        as("reviewer.north").get("/incidents/{id}", id).then().body("stage", equalTo("ACCOUNTABILITY"));
    }

    @Test
    void aReturnedReviewIsReworkedAndDecidedOnlyOnce() {
        UUID id = reportedIncident();
        String reviewId = submittedReview(id, "leader.north");

        as("reviewer.north").post("/incidents/{id}/reviews/{review}/approve", id, reviewId).then().statusCode(403);
        as("reviewer.north").contentType(ContentType.JSON).body(review("leader.north"))
                .post("/incidents/{id}/reviews", id).then().statusCode(409)
                .contentType("application/problem+json");
        as("senior").contentType(ContentType.JSON).body(Map.of("reason", "Add the escalation threshold evidence"))
                .post("/incidents/{id}/reviews/{review}/return", id, reviewId)
                .then().statusCode(200).body("status", equalTo("RETURNED"));
        as("senior").post("/incidents/{id}/reviews/{review}/approve", id, reviewId).then().statusCode(409);

        as("reviewer.north").contentType(ContentType.JSON).body(review("leader.north"))
                .put("/incidents/{id}/reviews/{review}", id, reviewId).then().statusCode(200);
        as("reviewer.north").post("/incidents/{id}/reviews/{review}/submit", id, reviewId).then().statusCode(200);
        as("senior").post("/incidents/{id}/reviews/{review}/approve", id, reviewId).then().statusCode(200);
        as("senior").post("/incidents/{id}/reviews/{review}/approve", id, reviewId).then().statusCode(409);
        as("reviewer.north").get("/incidents/{id}/history", id).then()
                .body("what", hasItem("Review returned: Add the escalation threshold evidence"));
    }

    @Test
    void anInvalidBodyIsAProblemNamingItsFields() {
        UUID id = reportedIncident();
        as("reviewer.north").contentType(ContentType.JSON)
                .body(Map.of("summary", "x".repeat(8001), "controlFailures", List.of(Map.of("owner", "leader.north"))))
                .post("/incidents/{id}/reviews", id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItems("summary", "controlFailures[0].failureMode"));
        as("reviewer.north").contentType(ContentType.JSON).body("{\"summary\": 5, \"controlFailures\": {}}")
                .post("/incidents/{id}/reviews", id)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aLongListSaysMoreThanItsCountLimitAndStillPages() {
        // The test profile counts at most 5 matching incidents (closeloop.incident.list-count-limit).
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String reference = "N-" + UUID.randomUUID();
            ids.add(Incident.idOf("north", reference));
            sites.report(report(reference, 1, "One of a long list"));
        }
        ids.forEach(IncidentServiceTest::awaitIncident);

        as("auditor").get("/incidents?site=north&size=2").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("total", equalTo(5))
                .body("totalExact", equalTo(false));
        // A page of 200 counts past the next page (400), beyond the limit: exact for this suite's incidents.
        var whole = as("auditor").get("/incidents?site=north&size=200").then().statusCode(200)
                .body("totalExact", equalTo(true)).extract().jsonPath();
        assertThat(whole.getInt("total")).isEqualTo(whole.getList("items").size()).isGreaterThanOrEqualTo(6);
        as("leader.south").get("/incidents?site=north").then().statusCode(200)
                .body("total", equalTo(0)).body("totalExact", equalTo(true));
    }

    @Test
    void accessFollowsRoleAndSite() {
        UUID id = reportedIncident();
        given().get("/incidents/{id}", id).then().statusCode(401);
        as("leader.north").contentType(ContentType.JSON).body(review("leader.north"))
                .post("/incidents/{id}/reviews", id).then().statusCode(403);
        as("leader.south").get("/incidents/{id}", id).then().statusCode(404);
        as("leader.south").get("/incidents?site=north").then().statusCode(200).body("total", equalTo(0));
        as("reporter.north").get("/incidents/{id}", id).then().statusCode(200).body("stage", equalTo("REVIEW"));
    }

    private UUID reportedIncident() {
        String reference = "N-" + UUID.randomUUID();
        sites.report(report(reference, 1, "Medication given late"));
        UUID id = Incident.idOf("north", reference);
        awaitIncident(id);
        return id;
    }

    private static void awaitIncident(UUID id) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as("reviewer.north").get("/incidents/{id}", id).then().statusCode(200));
    }

    static String submittedReview(UUID incidentId, String owner) {
        String reviewId = as("reviewer.north").contentType(ContentType.JSON).body(review(owner))
                .post("/incidents/{id}/reviews", incidentId)
                .then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
        as("reviewer.north").post("/incidents/{id}/reviews/{review}/submit", incidentId, reviewId)
                .then().statusCode(200).body("status", equalTo("SUBMITTED"));
        return reviewId;
    }

    static Map<String, Object> review(String owner) {
        return review(List.of(Map.of(
                "controlId", "CTRL-FALLS-01",
                "failureMode", "MISSED_SUPERVISION",
                "evidence", "Reassessment due 2026-11-01, done after the fall",
                "owner", owner)));
    }

    static Map<String, Object> review(List<Map<String, Object>> controlFailures) {
        return Map.of("summary", "Falls risk reassessment was three weeks overdue; nobody monitored the due list.",
                "timeline", "06:10 found on floor; 06:15 checked; 07:00 GP informed",
                "contributoryFactors", List.of("TASK", "ORGANISATIONAL"),
                "answers", Map.of(
                        "timeline", "Found 06:10; reassessment overdue since 1 November",
                        "controls-that-should-have-detected", "The weekly falls reassessment check",
                        "monitoring-responsibility", "The unit leader, through the supervision list",
                        "escalation-thresholds", "Overdue reassessments escalate after 7 days; breached by 14 days"),
                "controlFailures", controlFailures);
    }

    private static IncidentReported report(String reference, long version, String description) {
        Instant occurred = Instant.now().minusSeconds(120);
        return new IncidentReported("north", reference, version, occurred, occurred.plusSeconds(60),
                IncidentCategory.FALLS, HarmLevel.LOW, "Ward 3", description, "Checked for injury",
                List.of("P-7f3a2c"));
    }

    /**
     * What an operator grants when a site joins, at run time: incident-service may read the site's topic and
     * write (and, on the local broker, create) its dead-letter topic.
     */
    private static void allowIncidentServiceToConsume(String topic) throws Exception {
        String principal = "User:incident-service";
        ResourcePattern siteTopic = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
        ResourcePattern deadLetters = new ResourcePattern(ResourceType.TOPIC, Topics.deadLetterOf(topic),
                PatternType.LITERAL);
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(new AclBinding(siteTopic, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
        for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE)) {
            acls.add(new AclBinding(deadLetters,
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
        try (Admin admin = Admin.create(KafkaClients.config(kafka()))) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }
}
